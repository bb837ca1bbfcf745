/** `-m statistic` (libxt_statistic.c; kube-proxy's `--mode random --probability P`). */
import { UINT32_MAX, x6Uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, FinalCheckContext, ValueCheck } from "../types.js";
import { allOf, alsoRequires, mandatory } from "./x6.js";
import { given, valueOf } from "../save-text.js";
import { parseUint } from "../../values/number.js";
import type { SaveContext } from "../types.js";

/** XTTYPE_DOUBLE 0..1 via strtod: the whole word must be a number. */
const probability: ValueCheck = (text) => {
  const v = /^[ \t]*[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  return Number.isNaN(v) || v < 0 || v > 1
    ? bad(`statistic: bad value for option "--probability", or out of range (0-1).`)
    : ok(v);
};

const mode: ValueCheck = (text) => (text === "random" || text === "nth" ? ok(text) : bad(`Bad mode "${text}"`));

/** statistic_check: mode random (the default) needs --probability, nth needs --every. */
function modeCheck(ctx: FinalCheckContext): string | undefined {
  const m = ctx.options.get("mode")?.values[0] ?? "random";
  if (m === "random" && !ctx.options.has("probability")) {
    return "--probability must be specified when using random mode";
  }
  if (m === "nth") {
    if (!ctx.options.has("every")) return "--every and --packet must be specified when using nth mode";
    const every = Number(ctx.options.get("every")!.values[0]);
    const packet = Number(ctx.options.get("packet")?.values[0] ?? 0);
    if (packet > every - 1) return "the --packet p must be 0 <= p <= n-1";
  }
  return undefined;
}

/**
 * statistic print_match with the "--" prefix: the kernel keeps the probability as
 * lround(2^31 * p) and save prints it back with "%.11f" (0.1 is saved as 0.10000000009);
 * nth mode stores every-1 and always prints --packet. The `!` sits after the mode.
 */
function saveStatistic(ctx: SaveContext): string {
  const inverted = given(ctx, "probability")?.inverted || given(ctx, "every")?.inverted;
  const not = inverted ? " !" : "";
  if ((valueOf(ctx, "mode") ?? "random") === "nth") {
    const every = parseUint(valueOf(ctx, "every")!, 1, 0xffffffff);
    const packet = parseUint(valueOf(ctx, "packet") ?? "0", 0, 0xffffffff);
    return `--mode nth${not} --every ${every} --packet ${packet}`;
  }
  const p = probability(valueOf(ctx, "probability")!, { family: ctx.family });
  const stored = Math.round(0x80000000 * (p.ok ? (p.value as number) : 0));
  return `--mode random${not} --probability ${(stored / 0x80000000).toFixed(11)}`;
}

export const statisticMatch: ExtensionSpec = {
  kind: "match",
  name: "statistic",
  families: ["ipv4", "ipv6"],
  summary: "match packets randomly or every nth packet",
  options: [
    { name: "mode", arg: "required", value: mode },
    { name: "probability", arg: "required", invertible: true, value: probability, excludes: ["every", "packet"] },
    { name: "every", arg: "required", invertible: true, value: x6Uint("statistic", "every", 1, UINT32_MAX), excludes: ["probability"] },
    { name: "packet", arg: "required", value: x6Uint("statistic", "packet", 0, UINT32_MAX), excludes: ["probability"] },
  ],
  // xt_option_entry.also: --every and --packet need each other (oracle: `--mode nth --every 3`
  // fails with 'option "--every" also requires "--packet".', `--packet 0` alone likewise).
  finalCheck: allOf(
    alsoRequires("statistic", "every", "packet"),
    alsoRequires("statistic", "packet", "every"),
    modeCheck,
    mandatory("statistic", "mode"),
  ),
  save: saveStatistic,
};
