/**
 * The two tests every kernel-verdict cache gets (probes.test.ts, test/fuzz/kernel-sample.test.ts):
 * every case has a verdict, and where the kernel could be asked, the cache still matches it.
 */
import { expect, it } from "vitest";
import type { Verdicts } from "./kernel.js";

/** `kernel` is read when the tests run (it is set in beforeAll); `cacheFile` names the cache for the message. */
export function kernelCacheTests(kernel: () => Verdicts, cases: string, cacheFile: string): void {
  it(`has a kernel verdict for every ${cases} (else run with IPTLINT_REFRESH_ORACLE=1 where iptables is installed)`, () => {
    expect(kernel().missing).toEqual([]);
  });

  it("cached verdicts match the live kernel", (ctx) => {
    if (kernel().source !== "live") ctx.skip("iptables is not installed here: the cached verdicts are used");
    expect(kernel().stale, `${cacheFile} is stale: regenerate with IPTLINT_REFRESH_ORACLE=1`).toEqual([]);
  });
}
