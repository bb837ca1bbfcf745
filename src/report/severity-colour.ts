/** The colour of each severity in the terminal formats (text, stylish); kleur decides whether it shows. */
import kleur from "kleur";
import type { Severity } from "../findings.js";

export const SEVERITY_COLOUR: Readonly<Record<Severity, (s: string) => string>> = {
  error: (s) => kleur.red().bold(s),
  warning: (s) => kleur.yellow().bold(s),
  info: (s) => kleur.cyan(s),
};
