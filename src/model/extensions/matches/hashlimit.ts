/** `-m hashlimit` revision 3 (libxt_hashlimit.c, kernel xt_hashlimit.c). */
import { UINT32_MAX, parseUint, x6Uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { allOf, mandatory, type FinalCheck } from "./x6.js";
import { burstAmount, costToBytes, parseRateText, saveHashlimit } from "./hashlimit-save.js";

/** parse_rate / parse_bytes: `N[/unit]` packets or `N{b,kb,mb}[/unit]` bytes. */
const RATE = /^[0-9]+((b|kb|mb)(\/(s(e(c(o(n(d)?)?)?)?)?|m(i(n(u(t(e)?)?)?)?)?|h(o(u(r)?)?)?|d(a(y)?)?))?|\/(s(e(c(o(n(d)?)?)?)?)?|m(i(n(u(t(e)?)?)?)?)?|h(o(u(r)?)?)?|d(a(y)?)?))?$/i;

function rate(option: string): ValueCheck {
  return (text) => {
    if (!RATE.test(text)) return bad(`hashlimit: Bad value for "--${option}" option: "${text}"`);
    return packetRateTooFast(text) ? bad(`Rate too fast "${text}"`) : ok(text);
  };
}

const HASHLIMIT_SCALE = 1_000_000n; // XT_HASHLIMIT_SCALE_v2
const UNIT_SECONDS: ReadonlyArray<readonly [string, bigint]> = [["second", 1n], ["minute", 60n], ["hour", 3600n], ["day", 86400n]];

/**
 * parse_rate (libxt_hashlimit.c) for a packet rate `N[/unit]`: N is read with atoll (which
 * stops at LLONG_MAX), and the kernel's cost XT_HASHLIMIT_SCALE_v2 * unit / N must not be 0:
 * more than 1000000 packets a second is "Rate too fast" (oracle; found by fuzz:kernel).
 */
function packetRateTooFast(text: string): boolean {
  if (/b\//i.test(text)) return false; // a byte rate (parse_bytes) has its own limits
  const slash = text.indexOf("/");
  const unit = slash < 0 ? "second" : text.slice(slash + 1).toLowerCase();
  const seconds = UNIT_SECONDS.find(([name]) => name.startsWith(unit))?.[1] ?? 1n;
  const digits = /^\d+/.exec(text)?.[0] ?? "0";
  const LLONG_MAX = (1n << 63n) - 1n;
  const n = BigInt(digits) > LLONG_MAX ? LLONG_MAX : BigInt(digits);
  return n > 0n && (HASHLIMIT_SCALE * seconds) / n === 0n;
}

const MODES = ["srcip", "srcport", "dstip", "dstport"];

const mode: ValueCheck = (text) =>
  text.split(",").every((m) => MODES.includes(m))
    ? ok(text.split(","))
    : bad(`hashlimit: Bad value for "--hashlimit-mode" option: "${text}"`);

/** XTTYPE_PLEN: the kernel refuses a prefix longer than the family's address. */
const prefixLength = (option: string): ValueCheck => (text, ctx) => {
  const max = ctx.family === "ipv4" ? 32 : 128;
  const v = parseUint(text, 0, 128);
  if (v === undefined) return bad(`hashlimit: bad value for option "--${option}", or out of range (0-128).`);
  if (v > max) return bad(`hashlimit: --${option} ${v} is longer than the address (kernel: Invalid argument)`);
  return ok(v);
};

/**
 * parse_burst: xtables_strtoul with an end pointer, so text may follow the number (its first
 * character is a k/m factor); a bare number must be 1..1000000. The rest is judged by
 * burstCheck once the rate is known.
 */
const burst: ValueCheck = (text) => {
  const m = /^[ \t]*\+?(\d+)(.*)$/.exec(text);
  const v = m === null ? 0 : Number(m[1]);
  return v < 1 || (m![2] === "" && v > 1000000)
    ? bad(`bad value for option "--hashlimit-burst", or out of range (1-1000000).`)
    : ok(v);
};

/** hashlimit_mt_check: a packet burst at most 1000000, a byte burst at least one rate unit. */
const burstCheck: FinalCheck = (ctx) => {
  const text = ctx.options.get("hashlimit-burst")?.values[0];
  const rate = (ctx.options.get("hashlimit-upto") ?? ctx.options.get("hashlimit-above"))?.values[0];
  if (text === undefined || rate === undefined) return undefined;
  const cfg = parseRateText(rate);
  const amount = burstAmount(text);
  if (!cfg.bytes) {
    return amount > 1000000n ? `bad value for option "--hashlimit-burst", or out of range (1-1000000).` : undefined;
  }
  const unit = costToBytes(cfg.avg);
  return amount < unit ? `burst cannot be smaller than ${unit}b` : undefined;
};

const needsRate: FinalCheck = (ctx) =>
  ["hashlimit-upto", "hashlimit-above"].some((n) => ctx.options.has(n)) ? undefined : "You have to specify --hashlimit";

const uint32 = (name: string) => ({ name, arg: "required" as const, value: x6Uint("hashlimit", name, 0, UINT32_MAX) });

export const hashlimitMatch: ExtensionSpec = {
  kind: "match",
  name: "hashlimit",
  families: ["ipv4", "ipv6"],
  summary: "limit the rate per source/destination address or port group",
  options: [
    // `--hashlimit` is the old spelling of --hashlimit-upto (same option id)
    { name: "hashlimit-upto", aliases: ["hashlimit"], arg: "required", invertible: true, value: rate("hashlimit-upto"), excludes: ["hashlimit-above"] },
    { name: "hashlimit-above", arg: "required", invertible: true, value: rate("hashlimit-above"), excludes: ["hashlimit-upto"] },
    { name: "hashlimit-srcmask", arg: "required", value: prefixLength("hashlimit-srcmask") },
    { name: "hashlimit-dstmask", arg: "required", value: prefixLength("hashlimit-dstmask") },
    { name: "hashlimit-burst", arg: "required", value: burst },
    uint32("hashlimit-htable-size"),
    uint32("hashlimit-htable-max"),
    uint32("hashlimit-htable-gcinterval"),
    uint32("hashlimit-htable-expire"),
    { name: "hashlimit-mode", arg: "required", value: mode },
    { name: "hashlimit-name", arg: "required" },
    { name: "hashlimit-rate-match", arg: "none" },
    { name: "hashlimit-rate-interval", arg: "required" },
  ],
  finalCheck: allOf(needsRate, burstCheck, mandatory("hashlimit", "hashlimit-name")),
  save: saveHashlimit,
};
