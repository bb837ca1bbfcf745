/** Reading one configuration file's text: syntax by file extension, then the schema. */
import { readDocument, syntaxOf } from "./document.js";
import { configFromValue } from "./schema.js";
import type { ConfigProblem, IptlintConfig } from "./types.js";
import { Problems } from "./validate.js";

export interface ParsedConfig {
  /** Set only when the file has no problems: a half-read config would silently lint differently. */
  readonly config?: IptlintConfig;
  readonly problems: ConfigProblem[];
}

/** `.yaml`/`.yml` files are YAML, everything else JSON; `path` also anchors relative paths inside. */
export function parseConfig(text: string, path: string): ParsedConfig {
  const doc = readDocument(text, syntaxOf(path));
  if (doc.value === undefined) return { problems: doc.problems };
  const problems = new Problems(doc);
  const config = configFromValue(doc.value, path, problems);
  return config ? { config, problems: [] } : { problems: problems.sorted() };
}

