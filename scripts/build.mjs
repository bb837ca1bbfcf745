// Bundles the CLI into one file (dist/iptlint.cjs): chevrotain 11 pulls lodash-es, which costs
// ~0.35 s to import unbundled; bundled, a pre-commit run starts in a fraction of that. Then a
// training run writes V8's code cache beside it (bin/load-bundle.js, scripts/code-cache.mjs).
// CommonJS because only a vm.Script can be loaded with a code cache on Node 20.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
await build({
  entryPoints: ["src/bin.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  outfile: "dist/iptlint.cjs",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  define: { IPTLINT_VERSION: JSON.stringify(pkg.version) },
  logLevel: "warning",
});
// The ESM bundle of earlier builds, and a cache that no longer matches the bundle.
rmSync(new URL("../dist/iptlint.js", import.meta.url), { force: true });
rmSync(new URL("../dist/iptlint.cjs.codecache", import.meta.url), { force: true });
const training = spawnSync(process.execPath, [new URL("./code-cache.mjs", import.meta.url).pathname], { stdio: ["ignore", "ignore", "inherit"] });
if (training.status !== 0 && training.status !== 1) process.stderr.write(`build: the code-cache training run failed (status ${training.status ?? training.signal}); the CLI works without the cache, only its start is slower\n`);
