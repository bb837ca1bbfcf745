/**
 * Probe differential test: several hundred single-rule dumps (fixtures/probes/rules.txt,
 * rules6.txt) judged by iptlint and by the real kernel (iptables-restore 1.8.9, real load,
 * both backends). The kernel's verdicts are cached in fixtures/probes/verdicts.tsv, so this
 * runs without iptables; where iptables is installed it asks the kernel again and reports a
 * stale cache. Regenerate the cache with IPTLINT_REFRESH_ORACLE=1.
 *
 * Each probe is judged for both backends: the nft verdict against iptlint's default (a dump
 * without header is for nft), the legacy verdict against `backend: "legacy"`.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "../../src/ast/backend.js";
import { lintText } from "../../src/lint.js";
import { compareWithKnown, judge, type Judgement } from "./judge.js";
import { BACKENDS, cacheKey, kernelVerdicts, type KernelVerdict, type Verdicts } from "./kernel.js";
import { readProbes, type Probe } from "./probe-dump.js";

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures/probes");
const VERDICTS = join(FIXTURES, "verdicts.tsv");

const PROBES: readonly Probe[] = [
  ...readProbes(join(FIXTURES, "rules.txt"), "ipv4"),
  ...readProbes(join(FIXTURES, "rules6.txt"), "ipv6"),
];

/**
 * Probes where iptlint and the kernel disagree today, as `BACKEND v4|v6 PROBE-LINE`, each with
 * why. The test fails when a listed probe starts agreeing (remove it) or a new one appears.
 */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  "nft v4 filter INPUT ! -p tcp --dport 22":
    "nft accepts `! -p tcp` + tcp match (legacy rejects at load); iptlint errors on nft too (should be a warning there)",
  "nft v4 filter INPUT ! -p tcp -m tcp --dport 22":
    "nft accepts `! -p tcp -m tcp` (legacy rejects at load); iptlint IPT105 is an error on nft too",
  "legacy v4 filter INPUT -c a b":
    "iptables: \"-c packet counter not numeric\"; iptlint accepts",
  "nft v4 filter INPUT -c a b":
    "iptables: \"-c packet counter not numeric\"; iptlint accepts",
  "legacy v4 filter INPUT -m addrtype --dst-type LOCAL --limit-iface-out":
    "kernel addrtype_mt_checkentry_v1: --limit-iface-out not allowed in PREROUTING/INPUT; iptlint accepts",
  "nft v4 filter INPUT -m addrtype --dst-type LOCAL --limit-iface-out":
    "kernel addrtype_mt_checkentry_v1: --limit-iface-out not allowed in PREROUTING/INPUT; iptlint accepts",
  "legacy v4 filter INPUT -m devgroup":
    "devgroup final check: \"You must specify either '--src-group' or '--dst-group'\"; iptlint accepts",
  "nft v4 filter INPUT -m devgroup":
    "devgroup final check: \"You must specify either '--src-group' or '--dst-group'\"; iptlint accepts",
  "legacy v4 filter INPUT -m devgroup --dst-group 0x1/0xf":
    "kernel devgroup_mt_checkentry: --dst-group not allowed in INPUT (no output device); iptlint accepts",
  "nft v4 filter INPUT -m devgroup --dst-group 0x1/0xf":
    "kernel devgroup_mt_checkentry: --dst-group not allowed in INPUT (no output device); iptlint accepts",
  "legacy v4 filter INPUT -m devgroup --src-group foo":
    "devgroup: \"could not map name foo to an integer value\" (no /etc/iproute2/group entry); iptlint accepts",
  "nft v4 filter INPUT -m devgroup --src-group foo":
    "devgroup: \"could not map name foo to an integer value\" (no /etc/iproute2/group entry); iptlint accepts",
  "legacy v4 filter INPUT -m ecn --ecn-tcp-cwr":
    "kernel ecn_mt_check: --ecn-tcp-* needs -p tcp; iptlint accepts",
  "nft v4 filter INPUT -m ecn --ecn-tcp-cwr":
    "kernel ecn_mt_check: --ecn-tcp-* needs -p tcp; iptlint accepts",
  "legacy v4 filter INPUT -m limit --limit-burst 0":
    "legacy rejects burst 0 at load (nft accepts); iptlint has no legacy error/warning for it",
  "legacy v4 filter INPUT -m nosuchmatch":
    "\"Couldn't load match `nosuchmatch'\"; iptlint only says info IPT017 (unknown to iptlint)",
  "nft v4 filter INPUT -m nosuchmatch":
    "\"Couldn't load match `nosuchmatch'\"; iptlint only says info IPT017 (unknown to iptlint)",
  "legacy v4 filter INPUT -m policy --dir in --pol ipsec --strict":
    "policy: \"empty policy element 0. --strict is in effect, but at least one of ... is required\"; iptlint accepts",
  "nft v4 filter INPUT -m policy --dir in --pol ipsec --strict":
    "policy: \"empty policy element 0. --strict is in effect, but at least one of ... is required\"; iptlint accepts",
  "legacy v4 filter INPUT -m policy --dir out --pol ipsec":
    "kernel policy_mt_check: --dir out not allowed in INPUT/PREROUTING; iptlint accepts",
  "nft v4 filter INPUT -m policy --dir out --pol ipsec":
    "kernel policy_mt_check: --dir out not allowed in INPUT/PREROUTING; iptlint accepts",
  "legacy v4 filter INPUT -m set --match-set nosuchset foo":
    "flags other than src/dst are rejected (\"You must specify ... 'src' or 'dst'\", after the set lookup); iptlint accepts",
  "nft v4 filter INPUT -m set --match-set nosuchset foo":
    "flags other than src/dst are rejected (\"You must specify ... 'src' or 'dst'\", after the set lookup); iptlint accepts",
  "legacy v4 filter INPUT -m statistic --mode nth --every 3":
    "statistic: \"option --every also requires --packet\"; iptlint accepts",
  "nft v4 filter INPUT -m statistic --mode nth --every 3":
    "statistic: \"option --every also requires --packet\"; iptlint accepts",
  "legacy v4 filter INPUT -m string --algo bm --string \"\"":
    "kernel string_mt_check rejects an empty pattern; iptlint accepts",
  "nft v4 filter INPUT -m string --algo bm --string \"\"":
    "kernel string_mt_check rejects an empty pattern; iptlint accepts",
  "legacy v4 filter INPUT -m string --algo bm --string foo --from 10 --to 5":
    "kernel string_mt_check rejects --from > --to; iptlint accepts",
  "nft v4 filter INPUT -m string --algo bm --string foo --from 10 --to 5":
    "kernel string_mt_check rejects --from > --to; iptlint accepts",
  "legacy v4 filter INPUT -m time --weekdays 8":
    "iptables 1.8.9 accepts --weekdays 8 (canon shows an empty --weekdays); iptlint rejects it",
  "nft v4 filter INPUT -m time --weekdays 8":
    "iptables 1.8.9 accepts --weekdays 8 (canon shows an empty --weekdays); iptlint rejects it",
  "legacy v4 filter INPUT -m u32 --u32 \"garbage\"":
    "u32: \"at char 0: not a number or out of range\"; iptlint does not parse u32 tests",
  "nft v4 filter INPUT -m u32 --u32 \"garbage\"":
    "u32: \"at char 0: not a number or out of range\"; iptlint does not parse u32 tests",
  "legacy v4 filter INPUT -p tcp -m connlimit --connlimit-above 10 --connlimit-mask 33":
    "iptables 1.8.9 accepts --connlimit-mask 33 on IPv4 (canon: mask 32); iptlint rejects it",
  "nft v4 filter INPUT -p tcp -m connlimit --connlimit-above 10 --connlimit-mask 33":
    "iptables 1.8.9 accepts --connlimit-mask 33 on IPv4 (canon: mask 32); iptlint rejects it",
  "legacy v4 filter OUTPUT -j CLASSIFY --set-class 1:10":
    "kernel xt_CLASSIFY has no table restriction (hooks only); iptlint says mangle only",
  "nft v4 filter OUTPUT -j CLASSIFY --set-class 1:10":
    "kernel xt_CLASSIFY has no table restriction (hooks only); iptlint says mangle only",
  "legacy v4 filter OUTPUT -m addrtype --dst-type LOCAL --limit-iface-in":
    "kernel addrtype_mt_checkentry_v1: --limit-iface-in not allowed in POSTROUTING/OUTPUT; iptlint accepts",
  "nft v4 filter OUTPUT -m addrtype --dst-type LOCAL --limit-iface-in":
    "kernel addrtype_mt_checkentry_v1: --limit-iface-in not allowed in POSTROUTING/OUTPUT; iptlint accepts",
  "legacy v4 filter OUTPUT -m cgroup":
    "kernel cgroup_mt_check: neither --path nor --cgroup given; iptlint accepts",
  "nft v4 filter OUTPUT -m cgroup":
    "kernel cgroup_mt_check: neither --path nor --cgroup given; iptlint accepts",
  "legacy v4 filter OUTPUT -m cgroup --path / --cgroup 1":
    "kernel cgroup_mt_check: --path and --cgroup are exclusive; iptlint accepts",
  "nft v4 filter OUTPUT -m cgroup --path / --cgroup 1":
    "kernel cgroup_mt_check: --path and --cgroup are exclusive; iptlint accepts",
  "legacy v4 filter OUTPUT -m physdev --physdev-out eth0":
    "kernel physdev_mt_check: --physdev-out without --physdev-is-bridged not allowed in OUTPUT; iptlint accepts",
  "nft v4 filter OUTPUT -m physdev --physdev-out eth0":
    "kernel physdev_mt_check: --physdev-out without --physdev-is-bridged not allowed in OUTPUT; iptlint accepts",
  "legacy v4 filter OUTPUT -m policy --dir in --pol ipsec":
    "kernel policy_mt_check: --dir in not allowed in OUTPUT/POSTROUTING; iptlint accepts",
  "nft v4 filter OUTPUT -m policy --dir in --pol ipsec":
    "kernel policy_mt_check: --dir in not allowed in OUTPUT/POSTROUTING; iptlint accepts",
  "legacy v4 mangle PREROUTING -p tcp -j TPROXY --on-port 1234 --tproxy-mark 0x1/0x1":
    "TPROXY is not in iptlint's target registry: unknown option --on-port",
  "nft v4 mangle PREROUTING -p tcp -j TPROXY --on-port 1234 --tproxy-mark 0x1/0x1":
    "TPROXY is not in iptlint's target registry: unknown option --on-port",
  "legacy v6 filter INPUT -m rt --rt-0-addrs ::1":
    "ip6tables rt: \"`--rt-type 0' required before `--rt-0-addrs'\"; iptlint accepts",
  "nft v6 filter INPUT -m rt --rt-0-addrs ::1":
    "ip6tables rt: \"`--rt-type 0' required before `--rt-0-addrs'\"; iptlint accepts",
  "legacy v6 filter INPUT -p mh -m mh --mh-type foo":
    "ip6tables mh: \"Invalid MH type `foo'\"; iptlint accepts",
  "nft v6 filter INPUT -p mh -m mh --mh-type foo":
    "ip6tables mh: \"Invalid MH type `foo'\"; iptlint accepts",
};

function outcomeKey(backend: Backend, p: Probe): string {
  return `${backend} ${p.family === "ipv6" ? "v6" : "v4"} ${p.line}`;
}

function judgeProbe(p: Probe, kernel: KernelVerdict, backend: Backend): Judgement {
  const result = lintText(p.text, { family: { family: p.family, source: "option" }, backend });
  return judge(result.findings, kernel, backend, { environmental: p.environmental, culpritLines: [p.ruleLine] });
}

describe("probe differential: iptlint vs the kernel on single rules", () => {
  let kernel: Verdicts;
  const outcomes = new Map<string, Judgement>();

  beforeAll(async () => {
    const cases = PROBES.map((p) => ({ key: p.line, family: p.family, text: p.text }));
    kernel = await kernelVerdicts(cases, VERDICTS);
    for (const p of PROBES) {
      const v = kernel.verdicts.get(cacheKey({ key: p.line, family: p.family }));
      if (!v) continue;
      for (const b of BACKENDS) outcomes.set(outcomeKey(b, p), judgeProbe(p, v, b));
    }
  }, 600_000);

  it("has no duplicate probes", () => {
    const keys = PROBES.map((p) => cacheKey({ key: p.line, family: p.family }));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("has a kernel verdict for every probe (else run with IPTLINT_REFRESH_ORACLE=1 where iptables is installed)", () => {
    expect(kernel.missing).toEqual([]);
  });

  it("cached verdicts match the live kernel", (ctx) => {
    if (kernel.source !== "live") ctx.skip("iptables is not installed here: the cached verdicts are used");
    expect(kernel.stale, "fixtures/probes/verdicts.tsv is stale: regenerate with IPTLINT_REFRESH_ORACLE=1").toEqual([]);
  });

  it("agrees with the kernel on every probe not listed in KNOWN_DISAGREEMENTS", () => {
    for (const b of BACKENDS) {
      const mine = [...outcomes].filter(([k]) => k.startsWith(`${b} `));
      const agree = mine.filter(([, j]) => j.agrees).length;
      console.log(`probes (${b}, kernel verdicts from ${kernel.source}): ${agree}/${mine.length} agree`);
    }
    const { unexpected, nowAgreeing, unknownKeys } = compareWithKnown(outcomes, KNOWN_DISAGREEMENTS);
    expect(unknownKeys, "KNOWN_DISAGREEMENTS names probes that do not exist").toEqual([]);
    expect(nowAgreeing, "these probes agree now: remove them from KNOWN_DISAGREEMENTS").toEqual([]);
    expect(unexpected, "new disagreements with the kernel").toEqual([]);
  });
});
