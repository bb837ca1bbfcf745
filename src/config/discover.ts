/**
 * Finding the configuration for a linted file: the nearest configuration file in its
 * directory or above, like ESLint's and ruff's discovery. File access is injected so that
 * this stays pure and testable; the CLI passes node:fs functions.
 */
import { dirname, join } from "node:path";
import { parseConfig } from "./parse.js";
import type { ConfigProblem, IptlintConfig } from "./types.js";

/** Looked for in this order in each directory; more than one in a directory is an error. */
export const CONFIG_FILE_NAMES = [".iptlintrc.json", ".iptlintrc.yaml", ".iptlintrc.yml", "iptlint.config.json"] as const;

export interface ConfigFileAccess {
  exists(path: string): boolean;
  readFile(path: string): string;
}

export interface LoadedConfig {
  readonly path: string;
  /** Undefined when the file has problems (or the directory holds two configuration files). */
  readonly config?: IptlintConfig;
  readonly problems: ConfigProblem[];
}

/**
 * The configuration nearest to `startDir` (an absolute directory: the linted file's, or the
 * working directory for stdin), searching up to the filesystem root. Undefined: none found.
 */
export function discoverConfig(startDir: string, fs: ConfigFileAccess): LoadedConfig | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter((path) => fs.exists(path));
    const [first, second] = found;
    if (first !== undefined && second !== undefined) {
      return { path: first, problems: [{ message: `${found.join(" and ")} are both configuration files for the same directory; keep one` }] };
    }
    if (first !== undefined) return loadConfigFile(first, fs);
    if (dirname(dir) === dir) return undefined;
  }
}

/** One named configuration file (`--config FILE`). */
export function loadConfigFile(path: string, fs: Pick<ConfigFileAccess, "readFile">): LoadedConfig {
  let text: string;
  try {
    text = fs.readFile(path);
  } catch (e) {
    return { path, problems: [{ message: `cannot read the configuration file: ${(e as Error).message}` }] };
  }
  return { path, ...parseConfig(text, path) };
}
