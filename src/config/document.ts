/**
 * A configuration or baseline file read as data with positions: the plain value to validate,
 * syntax problems with line:column, and a way to find where a key or value was written so
 * that schema problems point at it too. JSON and YAML share the position lookup: every JSON
 * text that JSON.parse accepts is also YAML 1.2, so the yaml package's node ranges serve both.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { findJsonSyntaxError } from "./json-syntax.js";
import type { ConfigProblem } from "./types.js";

export type Syntax = "json" | "yaml";

/** A path into the data: object keys and array indices. */
export type KeyPath = readonly (string | number)[];

export interface Located {
  readonly line: number;
  readonly column: number;
}

export interface ReadDocument {
  /** The data; undefined when the text has syntax errors. */
  readonly value?: unknown;
  readonly problems: ConfigProblem[];
  /** Where the key (`at: "key"`) or the value at `path` was written. */
  locate(path: KeyPath, at: "key" | "value"): Located | undefined;
}

export function syntaxOf(path: string): Syntax {
  return /\.ya?ml$/i.test(path) ? "yaml" : "json";
}

export function readDocument(rawText: string, syntax: Syntax): ReadDocument {
  // Editors hide a UTF-8 byte order mark; neither JSON.parse nor a column count should see it.
  const text = rawText.replace(/^\uFEFF/, "");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number): Located => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const locate = (path: KeyPath, which: "key" | "value") => {
    const offset = nodeOffset(doc, path, which);
    return offset === undefined ? undefined : at(offset);
  };
  const duplicateKeys = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
  if (syntax === "json") {
    const error = findJsonSyntaxError(text);
    if (error) return { problems: [{ message: `JSON syntax error: ${error.message}`, ...at(error.offset) }], locate };
    const problems = duplicateKeys.map((e) => ({ message: "a key appears twice in the same object", ...at(e.pos[0]) }));
    return problems.length ? { problems, locate } : { value: JSON.parse(text) as unknown, problems, locate };
  }
  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => ({ message: `YAML syntax error: ${firstLine(e.message)}`, ...at(e.pos[0]) })), locate };
  }
  // An empty YAML file is an empty mapping, not an error: the file may hold only comments.
  return { value: doc.contents === null ? {} : (doc.toJS() as unknown), problems: [], locate };
}

/** The yaml package appends " at line N, column M:" and a code frame to some messages. */
function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

function nodeOffset(doc: Document, path: KeyPath, which: "key" | "value"): number | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of path) {
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return undefined;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  const target = which === "key" && keyNode !== undefined ? keyNode : node;
  const range = (target as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
