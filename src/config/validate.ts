/**
 * Hand-written schema checks share this: problems carry the key path in the message
 * (`intent.public[0].port`) and the position where it was written, and unknown keys get the
 * nearest known key as a suggestion, as ESLint and ruff do for their config files.
 */
import { nearest } from "../suggest.js";
import type { KeyPath, ReadDocument } from "./document.js";
import type { ConfigProblem } from "./types.js";

export class Problems {
  readonly list: ConfigProblem[] = [];

  constructor(private readonly doc: Pick<ReadDocument, "locate">) {}

  /** A problem with the value at `path` (or, with `at: "key"`, with the key itself). */
  add(path: KeyPath, message: string, at: "key" | "value" = "value"): void {
    const where = this.nearestWritten(path, at);
    this.list.push({ message: path.length ? `${formatKeyPath(path)}: ${message}` : message, ...(where ?? {}) });
  }

  /** In file order, as an editor lists them; problems without a position last. */
  sorted(): ConfigProblem[] {
    return [...this.list].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  }

  /** A missing key has no position: point at the nearest enclosing value that was written. */
  private nearestWritten(path: KeyPath, at: "key" | "value") {
    for (let n = path.length; n >= 0; n--) {
      const where = this.doc.locate(path.slice(0, n), n === path.length ? at : "value");
      if (where) return where;
    }
    return undefined;
  }
}

/** `["intent", "public", 0, "port"]` → `intent.public[0].port`. */
export function formatKeyPath(path: KeyPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (/^[A-Za-z0-9_-]+$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join("");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON/YAML type name for messages ("got an array"). */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** Reports every key of `object` that is not in `known`, suggesting the nearest known key. */
export function checkKeys(object: Record<string, unknown>, known: readonly string[], path: KeyPath, problems: Problems): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const guess = nearest(key, known, Math.max(2, Math.floor(key.length / 3)));
    problems.add([...path, key], `unknown key${guess ? `; did you mean "${guess}"?` : ""} (known keys: ${known.join(", ")})`, "key");
  }
}

/** An array of strings, each checked by `item` (which returns a message or undefined). */
export function stringList(value: unknown, path: KeyPath, problems: Problems, item: (text: string) => string | undefined): string[] {
  if (!Array.isArray(value)) {
    problems.add(path, `expected a list of strings, got ${typeName(value)}`);
    return [];
  }
  const out: string[] = [];
  value.forEach((v, i) => {
    if (typeof v !== "string") return problems.add([...path, i], `expected a string, got ${typeName(v)}`);
    const message = item(v);
    if (message) problems.add([...path, i], message);
    else out.push(v);
  });
  return out;
}
