// Runs the bundled CLI (dist/iptlint.cjs) through V8's code cache: compiling the 0.8 MB
// bundle and the functions a run needs was a third of a small run (pre-commit lints a
// 50-rule file on every commit). Node 20 has no module compile cache (Node 22's
// module.enableCompileCache), so the bundle is a CommonJS function compiled with vm.Script,
// whose cachedData V8 checks itself: a cache from another Node or V8 version is rejected and
// the bundle is simply compiled as usual. The cache is written only by the build
// (scripts/code-cache.mjs), never while linting.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export const BUNDLE = fileURLToPath(new URL("../dist/iptlint.cjs", import.meta.url));
export const CODE_CACHE = `${BUNDLE}.codecache`;

export function runBundle({ writeCodeCache = false } = {}) {
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(BUNDLE, "utf8")}\n})`;
  let cachedData;
  try {
    cachedData = writeCodeCache ? undefined : readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(source, { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  // After the run, so that the functions it compiled are in the cache too.
  if (writeCodeCache) process.once("exit", () => writeFileSync(CODE_CACHE, script.createCachedData()));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
}
