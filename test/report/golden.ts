/**
 * Golden files for the report formats, under test/golden/report/. `IPTLINT_UPDATE_GOLDEN=1
 * npx vitest run test/report` rewrites them (review the diff before committing); otherwise the
 * output must equal the file byte for byte.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../golden/report");

export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env["IPTLINT_UPDATE_GOLDEN"] === "1") {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; create it with IPTLINT_UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}
