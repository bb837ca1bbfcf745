#!/usr/bin/env node
// Launcher. A 1M-rule kube-proxy dump (~150 MB) needs more heap than V8's default limit
// (about 4 GiB), so for inputs that large iptlint runs itself again with a limit of three
// quarters of the machine's memory. Small inputs start directly: pre-commit runs stay fast.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const LARGE_INPUT_BYTES = 32e6;
const args = process.argv.slice(2);
const large = args.some((a) => {
  try {
    return statSync(a).size > LARGE_INPUT_BYTES;
  } catch {
    return false;
  }
});
const limited = process.execArgv.some((a) => a.startsWith("--max-old-space-size"));
if (large && !limited && !process.env.IPTLINT_RELAUNCHED) {
  const mb = Math.floor((totalmem() / 1048576) * 0.75);
  const child = spawnSync(process.execPath, [`--max-old-space-size=${mb}`, ...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: "inherit",
    env: { ...process.env, IPTLINT_RELAUNCHED: "1" },
  });
  process.exit(child.status ?? 2);
}
const { runBundle } = await import("./load-bundle.js");
runBundle();
