/**
 * time_save (libxt_time.c, iptables 1.8.9): what the kernel keeps of `-m time` and how it
 * is printed back. Times of day become `hh:mm:ss`, day lists become bit sets printed in
 * calendar order (an inverted list is stored as its complement, so `!` never comes back),
 * dates are printed in UTC, and the default --datestop (INT32_MAX, 2038-01-19T03:14:07) is
 * always printed because time_print_date only skips LONG_MAX.
 */
import type { SaveContext } from "../types.js";
import { given, has, valueOf, words } from "../save-text.js";
import { strtoul } from "../../values/number.js";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAY_SECONDS = 24 * 60 * 60;
const INT32_MAX = 0x7fffffff;

/** time_parse_minutes: h:m[:s] in seconds of the day. */
function daySeconds(text: string): number {
  const [h = 0, m = 0, s = 0] = text.split(":").map(Number);
  return h * 3600 + m * 60 + s;
}

const pad = (n: number) => `${n}`.padStart(2, "0");
const hhmmss = (t: number) => `${pad(Math.floor(t / 3600))}:${pad(Math.floor(t / 60) % 60)}:${pad(t % 60)}`;

/** time_parse_date: YYYY[-MM[-DD[Thh[:mm[:ss]]]]] as seconds since the epoch, UTC. */
function dateSeconds(text: string): number {
  const [day = "", time = ""] = text.split("T");
  const [y = 1970, mo = 1, d = 1] = day.split("-").map(Number);
  const [h = 0, mi = 0, s = 0] = time === "" ? [] : time.split(":").map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}

/** time_print_date: "%04u-%02u-%02uT%02u:%02u:%02u" of gmtime; 0 is not printed. */
function formatDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The chosen days (1-based), complemented when the option was inverted. */
function days(ctx: SaveContext, name: string, count: number, parse: (item: string) => number): number[] | undefined {
  const o = given(ctx, name);
  if (o === undefined) return undefined;
  const chosen = new Set(o.values[0]!.split(",").map(parse));
  return Array.from({ length: count }, (_, i) => i + 1).filter((d) => chosen.has(d) !== o.inverted);
}

/** A weekday element: a number (strtoul base 0; past 7 it names no day) or a day name. */
function weekday(item: string): number {
  const n = strtoul(item, 0);
  if (n.end !== 0 && n.end === item.length) return !n.negative && n.value <= 7n ? Number(n.value) : 0;
  return WEEKDAYS.findIndex((w) => item.startsWith(w)) + 1;
}

export function saveTime(ctx: SaveContext): string {
  const start = daySeconds(valueOf(ctx, "timestart") ?? "0:0:0");
  const stop = daySeconds(valueOf(ctx, "timestop") ?? "23:59:59");
  const monthdays = days(ctx, "monthdays", 31, Number);
  const weekdays = days(ctx, "weekdays", 7, weekday);
  const datestart = dateSeconds(valueOf(ctx, "datestart") ?? "1970");
  const datestopText = valueOf(ctx, "datestop");
  const datestop = datestopText === undefined ? INT32_MAX : dateSeconds(datestopText);
  return words(
    (start !== 0 || stop !== DAY_SECONDS - 1) && `--timestart ${hhmmss(start)} --timestop ${hhmmss(stop)}`,
    monthdays && monthdays.length !== 31 && `--monthdays ${monthdays.join(",")}`,
    weekdays && weekdays.length !== 7 && `--weekdays ${weekdays.map((d) => WEEKDAYS[d - 1]).join(",")}`,
    datestart !== 0 && `--datestart ${formatDate(datestart)}`,
    datestop !== 0 && `--datestop ${formatDate(datestop)}`,
    (has(ctx, "kerneltz") || has(ctx, "localtz")) && "--kerneltz",
    has(ctx, "contiguous") && "--contiguous",
  );
}
