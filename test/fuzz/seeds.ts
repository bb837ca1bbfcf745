/**
 * The dumps the kernel fuzzer mutates: iptables-restore input from ../shared/corpus (real/,
 * docker/) and from fixtures/. `iptables -S` files are left out (they are not restore input),
 * and so are the four TUM dumps of several thousand lines (each mutant would cost the oracle
 * and iptlint a hundred times more, for the same kinds of lines).
 *
 * A seed must not depend on the machine, or every mutant inherits the kernel's environment
 * error and hides what the mutation did: files that need DNS are left out, and rules that
 * match an ipset are dropped (the oracle's fresh namespace has no ipsets; Docker 28 creates
 * docker-ext-bridges-v4 itself, before it loads its rules).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { detectFamily, familyFromFileName } from "../../src/ast/detect.js";
import type { Family } from "../../src/model/netfilter.js";
import { CORPUS_DIR, hasCorpus, readVerdicts } from "../helpers/corpus.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface Seed {
  /** Where it came from: "corpus/real/x.save", "fixtures/docker/y.rules". */
  readonly name: string;
  readonly family: Family;
  readonly text: string;
}

const MAX_LINES = 1000;

/** Rules whose verdict depends on ipsets that only exist on the original host. */
const NEEDS_IPSET = /(^|\s)(-m set|-j SET)(\s|$)/;

function seedOf(name: string, path: string): Seed | undefined {
  const raw = readFileSync(path, "utf8");
  if (!/^\*\S/m.test(raw)) return undefined;
  const lines = raw.split("\n");
  if (lines.length > MAX_LINES) return undefined;
  const text = lines.filter((l) => !NEEDS_IPSET.test(l)).join("\n");
  const family = familyFromFileName(path) ?? detectFamily(text).family;
  return { name, family, text };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile() && /\.(rules|save6?|v[46])$/.test(p))
    .sort();
}

/** Dump fixtures of this repository (always present: the test-suite sample uses only these). */
export function fixtureSeeds(): Seed[] {
  const dirs = ["fixtures/docker", "fixtures/fmt", "fixtures/syntax"].map((d) => join(ROOT, d));
  return dirs.flatMap(filesUnder).flatMap((p) => seedOf(relative(ROOT, p), p) ?? []);
}

/** ../shared/corpus dumps, without the files whose kernel verdict needs DNS. */
export function corpusSeeds(): Seed[] {
  if (!hasCorpus) return [];
  const needsDns = new Set(readVerdicts().filter((v) => /host name needs DNS/.test(v.note)).map((v) => v.path));
  return ["real", "docker"]
    .flatMap((d) => filesUnder(join(CORPUS_DIR, d)))
    .filter((p) => !needsDns.has(relative(CORPUS_DIR, p)))
    .flatMap((p) => seedOf(`corpus/${relative(CORPUS_DIR, p)}`, p) ?? []);
}
