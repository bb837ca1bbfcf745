/**
 * The report formats `--format` accepts, and one function that renders any of them. Every
 * renderer is pure: it gets the reports and returns the text; src/cli.ts writes it out.
 */
import { checkstyleReport } from "./checkstyle.js";
import { compactReport } from "./compact.js";
import { githubReport } from "./github.js";
import { gitlabReport } from "./gitlab.js";
import { jsonReport } from "./json.js";
import { junitReport } from "./junit.js";
import { sarifReport } from "./sarif.js";
import { stylishReport } from "./stylish.js";
import { textReport } from "./text.js";
import type { FileReport } from "./types.js";

/** `text` first: it is the default when stdout is not a terminal. */
export const FORMAT_NAMES = ["text", "stylish", "compact", "json", "sarif", "github", "gitlab", "checkstyle", "junit"] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export interface RenderOptions {
  /** Colour the human formats (text, stylish); the machine formats never are. */
  readonly colour: boolean;
  /** iptlint's version, for the formats that name the tool (json, sarif). */
  readonly toolVersion: string;
}

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function renderReport(format: FormatName, files: readonly FileReport[], options: RenderOptions): string {
  switch (format) {
    case "text":
      return textReport(files, options.colour);
    case "stylish":
      return stylishReport(files, options.colour);
    case "compact":
      return compactReport(files);
    case "json":
      return jsonReport(files, options.toolVersion);
    case "sarif":
      return sarifReport(files, options.toolVersion);
    case "github":
      return githubReport(files);
    case "gitlab":
      return gitlabReport(files);
    case "checkstyle":
      return checkstyleReport(files);
    case "junit":
      return junitReport(files);
  }
}
