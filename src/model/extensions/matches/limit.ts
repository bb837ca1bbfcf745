/** `-m limit` (libxt_limit.c, kernel xt_limit.c). */
import { parseUint, x6Uint } from "../../values/number.js";
import { limitRate } from "../../values/rate.js";
import type { ExtensionSpec } from "../types.js";
import { parseRate, XT_LIMIT_SCALE } from "../../values/rate.js";
import { valueOf, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

/** print_rate's table, largest period first (libxt_limit.c rates[]). */
const RATES: ReadonlyArray<readonly [string, number]> = [
  ["day", XT_LIMIT_SCALE * 24 * 60 * 60],
  ["hour", XT_LIMIT_SCALE * 60 * 60],
  ["min", XT_LIMIT_SCALE * 60],
  ["sec", XT_LIMIT_SCALE],
];

/**
 * print_rate(avg): the kernel keeps only avg = XT_LIMIT_SCALE * seconds / count, so the
 * rate is printed in the largest unit that divides it without losing more than it keeps
 * ("60/min" and "1/sec" are the same avg: saved as "1/sec").
 */
export function formatLimitRate(avg: number): string {
  let i = 1;
  for (; i < RATES.length; i++) {
    const mult = RATES[i]![1];
    if (avg > mult || Math.floor(mult / avg) < mult % avg) break;
  }
  const [name, mult] = RATES[i - 1]!;
  return `${Math.floor(mult / avg)}/${name}`;
}

/** XT_LIMIT_AVG: 3 per hour when --limit is not given. */
const DEFAULT_RATE = { count: 3, seconds: 3600 };

/** limit_save: `--limit` always (default 3/hour), `--limit-burst` unless the default 5. */
function saveLimit(ctx: SaveContext): string {
  const text = valueOf(ctx, "limit");
  const r = text === undefined ? undefined : parseRate(text);
  const rate = r?.ok ? r.rate : DEFAULT_RATE;
  const avg = Math.floor((XT_LIMIT_SCALE * rate.seconds) / (rate.count >>> 0));
  const burst = valueOf(ctx, "limit-burst");
  const burstValue = burst === undefined ? 5 : parseUint(burst, 0, 10000);
  return words(`--limit ${formatLimitRate(avg)}`, burstValue !== 5 && `--limit-burst ${burstValue}`);
}

export const limitMatch: ExtensionSpec = {
  kind: "match",
  name: "limit",
  families: ["ipv4", "ipv6"],
  summary: "match at a limited average rate with bursts (token bucket)",
  options: [
    { name: "limit", arg: "required", value: limitRate },
    // XT_LIMIT_BURST max 10000. Burst 0 passes nft but the legacy kernel refuses it.
    { name: "limit-burst", arg: "required", value: x6Uint("limit", "limit-burst", 0, 10000) },
  ],
  save: saveLimit,
};
