// Preloaded into the CLI by test/hostile/run.ts: reports the process's peak resident set size
// (KiB) on file descriptor 3 when it exits, so the tests can bound memory as well as time.
"use strict";
const { writeSync } = require("node:fs");
process.on("exit", () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open: not run by the tests
  }
});
