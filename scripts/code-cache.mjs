// Writes dist/iptlint.cjs.codecache (see bin/load-bundle.js): runs the bundle once on a small
// Docker dump, as a pre-commit run would, and saves V8's code for everything it compiled.
// Called by scripts/build.mjs in a child process whose output is discarded.
import { existsSync } from "node:fs";
import { runBundle } from "../bin/load-bundle.js";

const TRAINING_DUMP = new URL("../fixtures/docker/eras/f-28.3-problems.rules", import.meta.url).pathname;
if (existsSync(TRAINING_DUMP)) {
  process.argv = [process.argv[0], "iptlint", "--format", "json", "--no-config", TRAINING_DUMP];
  runBundle({ writeCodeCache: true });
}
