/**
 * How the CT target is saved (extensions/libxt_CT.c ct_save_v1, revision 2): --notrack,
 * --helper, --timeout, --ctevents, --expevents, then the zone. Helper and timeout names are
 * printed with printf("%s"), unquoted, and cut to their char[16] / char[32] fields.
 * oracle: `--helper ftp --notrack` → `--notrack --helper ftp`; `--helper "a b"` →
 * `--helper a b`; a 26-letter helper → its first 15 letters; `--helper ""` → nothing.
 */
import type { SaveContext } from "../../types.js";
import { CT_EVENTS, EXPECTATION_EVENTS, zoneId } from "./ct-values.js";
import { truncateBytes } from "./save-text.js";
import { has, parsed, valueOf, words } from "../../save-text.js";

const HELPER_MAX = 15;
const TIMEOUT_MAX = 31;

/**
 * ct_print_events: the events set, in ct_event_tbl order, each once.
 * oracle: `--ctevents mark,new,new` → `--ctevents new,mark`.
 */
function eventsText(option: string, table: readonly string[], ctx: SaveContext): string {
  const given = new Set(ctx.options.filter((o) => o.name === option).flatMap((o) => (o.values[0] ?? "").split(",")));
  const events = table.filter((e) => given.has(e));
  return events.length === 0 ? "" : `--${option} ${events.join(",")}`;
}

/**
 * ct_parse_zone_id: "mark" sets XT_CT_ZONE_MARK for good, a number replaces the zone id;
 * --zone-orig / --zone-reply add their direction flag and --zone adds none. ct_print_zone
 * names a direction only when exactly one flag is set, and prints no zone 0.
 * oracle: `--zone 1 --zone-orig 2` → `--zone-orig 2`; `--zone-orig 2 --zone 1` →
 * `--zone-orig 1`; `--zone-orig 1 --zone-reply 2` → `--zone 2`; `--zone-orig mark --zone 0`
 * → `--zone-orig mark`; `--zone 0` → nothing; `--zone-reply MARK` → `--zone-reply mark`.
 */
function zoneText(ctx: SaveContext): string {
  let byMark = false;
  let zone = 0;
  const directions = new Set<string>();
  for (const option of ctx.options) {
    if (option.name !== "zone" && option.name !== "zone-orig" && option.name !== "zone-reply") continue;
    if (option.name !== "zone") directions.add(option.name.slice("zone".length));
    const id = parsed<number | "mark">(zoneId, option.values[0] ?? "", ctx.family);
    if (id === "mark") byMark = true;
    else zone = id;
  }
  const direction = directions.size === 1 ? [...directions][0]! : "";
  if (byMark) return `--zone${direction} mark`;
  return zone === 0 ? "" : `--zone${direction} ${zone}`;
}

/** A name printed as is after `--option`, or nothing when empty. */
function nameText(ctx: SaveContext, option: string, max: number): string {
  const name = truncateBytes(valueOf(ctx, option) ?? "", max);
  return name === "" ? "" : `--${option} ${name}`;
}

export function saveCt(ctx: SaveContext): string {
  return words(
    has(ctx, "notrack") && "--notrack",
    nameText(ctx, "helper", HELPER_MAX),
    nameText(ctx, "timeout", TIMEOUT_MAX),
    eventsText("ctevents", CT_EVENTS, ctx),
    eventsText("expevents", EXPECTATION_EVENTS, ctx),
    zoneText(ctx),
  );
}
