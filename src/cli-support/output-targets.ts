/**
 * `--format` values: `NAME` prints that report on standard output, `NAME=PATH` writes it to a
 * file (`--format stylish --format sarif=out.sarif`: read it in the terminal, upload the SARIF).
 */
import { FORMAT_NAMES, isFormatName, type FormatName } from "../report/formats.js";

export interface OutputTarget {
  readonly format: FormatName;
  /** Undefined: standard output. */
  readonly path?: string;
}

/** One `--format` value; a message when the name is not a format or the path is empty. */
export function parseOutputTarget(text: string): OutputTarget | { error: string } {
  const eq = text.indexOf("=");
  const name = (eq < 0 ? text : text.slice(0, eq)).trim().toLowerCase();
  const path = eq < 0 ? undefined : text.slice(eq + 1);
  if (!isFormatName(name)) return { error: `unknown format "${name}"; the formats are ${FORMAT_NAMES.join(", ")}` };
  if (path !== undefined && path.trim() === "") return { error: `--format ${name}= needs a file name after the "=" (or no "=" to print to standard output)` };
  return path === undefined ? { format: name } : { format: name, path };
}

/**
 * The reports a run writes. With no `--format`: `stylish` on a terminal, `text` otherwise
 * (stable for scripts and the tests that read it). Only one report can go to standard output.
 */
export function outputTargets(given: readonly OutputTarget[], stdoutIsTTY: boolean): { targets: OutputTarget[] } | { error: string } {
  if (given.length === 0) return { targets: [{ format: stdoutIsTTY ? "stylish" : "text" }] };
  const toStdout = given.filter((t) => t.path === undefined);
  if (toStdout.length > 1) return { error: `only one --format can print to standard output (got ${toStdout.map((t) => t.format).join(", ")}); write the others to files with --format NAME=PATH` };
  const paths = given.flatMap((t) => (t.path === undefined ? [] : [t.path]));
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice !== undefined) return { error: `two --format options write to ${twice}` };
  return { targets: [...given] };
}
