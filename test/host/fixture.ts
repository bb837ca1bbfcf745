import { readFileSync } from "node:fs";

/** A captured `ip` output from test/host/fixtures (see its README for how they were made). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
}
