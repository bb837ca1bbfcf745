/**
 * hashlimit_mt_save (libxt_hashlimit.c, revision 3): what the kernel keeps of a hashlimit
 * match and how iptables-save prints it back. Rates are stored as a cost per packet
 * (XT_HASHLIMIT_SCALE_v2 / rate) or per byte (bytes_to_cost), so the printed rate is
 * re-derived from the cost ("100b/s" is saved as "96b/s", "60/min" as "1/sec"), and every
 * field that differs from its default is spelled out.
 */
import { atoi } from "../../values/rate.js";
import { parseUint } from "../../values/number.js";
import type { SaveContext } from "../types.js";
import { given, has, valueOf, words } from "../save-text.js";

const SCALE = 1_000_000; // XT_HASHLIMIT_SCALE_v2
const UINT32_MAX = 0xffffffffn;
const BYTE_SHIFT = 4n; // XT_HASHLIMIT_BYTE_SHIFT
const GC_INTERVAL = 1000; // XT_HASHLIMIT_GCINTERVAL, msec
const MODES = ["srcip", "srcport", "dstip", "dstport"];

/** print_rate's table (revision 2+), largest period first. */
const RATES: ReadonlyArray<readonly [string, number]> = [
  ["day", SCALE * 24 * 60 * 60],
  ["hour", SCALE * 60 * 60],
  ["min", SCALE * 60],
  ["sec", SCALE],
];

const UNITS: ReadonlyArray<readonly [string, number]> = [["second", 1], ["minute", 60], ["hour", 3600], ["day", 86400]];

const bytesToCost = (bytes: bigint) => UINT32_MAX / ((bytes >> BYTE_SHIFT) + 1n);
export const costToBytes = (cost: bigint) => ((cost === 0n ? UINT32_MAX : UINT32_MAX / cost) - 1n) << BYTE_SHIFT;
const factor = (c: string | undefined) => (c === "m" ? 1024 * 1024 : c === "k" ? 1024 : 1);

interface Config {
  bytes: boolean;
  avg: bigint;
  /** udata->mult: seconds of the rate's unit, or XT_HASHLIMIT_BYTE_EXPIRE for byte rates. */
  mult: number;
}

/** parse_bytes, else parse_rate. */
export function parseRateText(text: string): Config {
  const b = text.indexOf("b/s");
  if (b > 0) {
    const amount = BigInt(Math.max(0, atoi(text))) * BigInt(factor(text[b - 1]));
    return { bytes: true, avg: bytesToCost(amount), mult: 15 };
  }
  const slash = text.indexOf("/");
  const unit = slash < 0 ? "second" : text.slice(slash + 1).toLowerCase();
  const mult = UNITS.find(([name]) => name.startsWith(unit))?.[1] ?? 1;
  return { bytes: false, avg: BigInt(Math.floor((SCALE * mult) / atoi(text))), mult };
}

/** print_rate: "N/unit" in the largest unit that loses nothing; returns the unit in msec. */
function formatRate(avg: bigint): { text: string; quantum: number } {
  const period = Number(avg);
  let i = 1;
  for (; i < RATES.length; i++) {
    const mult = RATES[i]![1];
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  const [name, mult] = RATES[i - 1]!;
  return { text: `${Math.floor(mult / period)}/${name}`, quantum: (mult / SCALE) * 1000 };
}

/** print_bytes: the byte rate and, when a burst was kept, the burst in bytes. */
function formatBytes(avg: bigint, burst: bigint): { text: string; quantum: number } {
  const units: ReadonlyArray<readonly [string, bigint]> = [["m", 1024n * 1024n], ["k", 1024n], ["", 1n]];
  let r = costToBytes(avg);
  let i = 0;
  for (; i < units.length - 1; i++) {
    const t = units[i]![1];
    if (r >= t && bytesToCost(r & ~(t - 1n)) === avg) break;
  }
  const rate = `${r / units[i]![1]}${units[i]![0]}b/s`;
  if (burst === 0n) return { text: rate, quantum: 15 * 1000 };
  r *= burst;
  let j = 0;
  for (; j < units.length - 1; j++) if (r >= units[j]![1]) break;
  return { text: `${rate} --hashlimit-burst ${r / units[j]![1]}${units[j]![0]}b`, quantum: 60 * 1000 };
}

/** parse_burst: the leading number times the factor of the character after it ("5k" is 5120). */
export function burstAmount(text: string): bigint {
  const rest = text.replace(/^\s*\+?\d+/, "");
  return BigInt(atoi(text)) * BigInt(factor(rest[0]));
}

/** parse_burst + hashlimit_mt_check: packets, or bytes turned into a multiple of the rate. */
function burstOf(ctx: SaveContext, cfg: Config): bigint {
  const text = valueOf(ctx, "hashlimit-burst");
  if (!cfg.bytes) return text === undefined ? 5n : burstAmount(text);
  if (text === undefined) return 0n;
  const bytes = burstAmount(text);
  const unit = costToBytes(cfg.avg);
  return bytes / unit + (bytes % unit === 0n ? 0n : 1n);
}

const uintOption = (ctx: SaveContext, name: string) => {
  const v = valueOf(ctx, name);
  return v === undefined ? undefined : parseUint(v, 0, 0xffffffff);
};

export function saveHashlimit(ctx: SaveContext): string {
  const rateOption = given(ctx, "hashlimit-upto") ?? given(ctx, "hashlimit-above")!;
  const above = (rateOption.name === "hashlimit-above") !== rateOption.inverted;
  const cfg = parseRateText(rateOption.values[0]!);
  const burst = burstOf(ctx, cfg);
  const rateMatch = has(ctx, "hashlimit-rate-match");
  if (rateMatch && !cfg.bytes) cfg.avg /= BigInt(cfg.mult);
  const printed = cfg.bytes ? formatBytes(cfg.avg, burst) : formatRate(cfg.avg);
  const expire = uintOption(ctx, "hashlimit-htable-expire") ?? (cfg.bytes && burst !== 0n ? 60 : cfg.mult) * 1000;
  const modes = (valueOf(ctx, "hashlimit-mode") ?? "").split(",");
  const dmask = ctx.family === "ipv4" ? 32 : 128;
  const mask = (name: string) => {
    const v = uintOption(ctx, name);
    return v !== undefined && v !== dmask && `--${name} ${v}`;
  };
  const size = uintOption(ctx, "hashlimit-htable-size") ?? 0;
  const max = uintOption(ctx, "hashlimit-htable-max") ?? 0;
  const gc = uintOption(ctx, "hashlimit-htable-gcinterval") ?? GC_INTERVAL;
  const intervalText = valueOf(ctx, "hashlimit-rate-interval");
  const interval = intervalText !== undefined ? atoi(intervalText) : cfg.bytes ? 1 : cfg.mult;
  const modeList = MODES.filter((m) => modes.includes(m));
  return words(
    `--hashlimit-${above ? "above" : "upto"} ${printed.text}`,
    !cfg.bytes && `--hashlimit-burst ${burst}`,
    modeList.length > 0 && `--hashlimit-mode ${modeList.join(",")}`,
    `--hashlimit-name ${valueOf(ctx, "hashlimit-name")}`,
    size !== 0 && `--hashlimit-htable-size ${size}`,
    max !== 0 && `--hashlimit-htable-max ${max}`,
    gc !== GC_INTERVAL && `--hashlimit-htable-gcinterval ${gc}`,
    expire !== printed.quantum && `--hashlimit-htable-expire ${expire}`,
    mask("hashlimit-srcmask"),
    mask("hashlimit-dstmask"),
    rateMatch && "--hashlimit-rate-match",
    rateMatch && interval !== 1 && `--hashlimit-rate-interval ${interval}`,
  );
}
