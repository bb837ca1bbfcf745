// Unminified esbuild bundles of the sources for in-process timing and readable CPU profiles.
// Same settings as scripts/build.mjs (bundled chevrotain, node20 ESM) except minification, so
// the phase timings and profiles describe the code the CLI runs, with its function names.
import { build } from "esbuild";
import { join } from "node:path";

const COMMON = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: false,
  sourcemap: false,
  legalComments: "none",
  define: { IPTLINT_VERSION: JSON.stringify("bench") },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
};

/** The pipeline's stages, exported one by one (src/lint.ts composes them in lintText). */
const PHASES_ENTRY = `
export { decodeSource, SourceLines } from "./src/source.js";
export { buildDump, markCarriageReturns } from "./src/ast/build.js";
export { buildRuleset } from "./src/model/ruleset.js";
export { loadChecks } from "./src/model/load-checks.js";
export { environmentNeeds } from "./src/model/environment.js";
export { runLintRules } from "./src/rules/define.js";
export { LINT_RULES } from "./src/rules/index.js";
export { compareFindings } from "./src/findings.js";
export { jsonReport } from "./src/report/json.js";
`;

export async function buildPhasesBundle(root, outDir) {
  const outfile = join(outDir, "phases-bundle.mjs");
  await build({ ...COMMON, stdin: { contents: PHASES_ENTRY, resolveDir: root, loader: "ts", sourcefile: "bench-phases-entry.ts" }, outfile });
  return outfile;
}

export async function buildProfileCli(root, outDir) {
  const outfile = join(outDir, "iptlint-unminified.mjs");
  await build({ ...COMMON, entryPoints: [join(root, "src/bin.ts")], outfile });
  return outfile;
}
