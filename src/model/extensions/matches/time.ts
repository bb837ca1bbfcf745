/** `-m time` (libxt_time.c). There is no `--days` option (the oracle refuses it). */
import { strtoul } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { saveTime } from "./time-save.js";

const timeMessage = (t: string) =>
  `invalid time "${t}" specified, should be hh:mm[:ss] format and within the boundaries`;

/** time_parse_minutes: `hh:mm[:ss]` up to 23:59:59. */
const dayTime: ValueCheck = (text) => {
  const m = /^(\d+):(\d+)(?::(\d+))?$/.exec(text);
  if (m === null || Number(m[1]) > 23 || Number(m[2]) > 59) return bad(timeMessage(text));
  if (m[3] !== undefined && Number(m[3]) > 59) return bad(timeMessage(m[3]));
  return ok(text);
};

/** time_parse_date: YYYY[-MM[-DD[Thh[:mm[:ss]]]]] from 1970 on (time_t, UTC). */
const date: ValueCheck = (text) => {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?)?)?)?$/.exec(text);
  const bad_ = bad(`Invalid date "${text}" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]`);
  if (m === null) return bad_;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x)));
  if (year! < 1970 || year! > 2038) return bad_;
  if (month !== undefined && (month < 1 || month > 12)) return bad_;
  if (day !== undefined && (day < 1 || day > 31)) return bad_;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return bad_;
  return ok(text);
};

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/**
 * time_parse_weekdays: a number (plain strtoul base 0, whole element, so "-1" too) other than 0, or a
 * case-sensitive day name ("Monday" passes, "sun" not). Numbers past 7 are not refused: they
 * set a bit the 8-bit weekdays field drops (oracle: `--weekdays 8` loads and saves as an
 * empty `--weekdays`; `07` and `0x3` load; `8x` fails).
 */
const weekdays: ValueCheck = (text) => {
  for (const day of text.split(",")) {
    const n = strtoul(day, 0);
    const isNumber = n.end !== 0 && n.end === day.length;
    if (isNumber && n.value === 0n) return bad("No, the week does NOT begin with Sunday.");
    if (isNumber || WEEKDAYS.some((w) => day.startsWith(w))) continue;
    return bad(`${day} is not a valid day specifier`);
  }
  return ok(text);
};

/** time_parse_monthdays: 1..31. */
const monthdays: ValueCheck = (text) => {
  for (const day of text.split(",")) {
    const n = /^\d+$/.test(day) ? Number(day) : 0;
    if (n < 1 || n > 31) return bad(`${day} is not a valid day for --monthdays`);
  }
  return ok(text);
};

export const timeMatch: ExtensionSpec = {
  kind: "match",
  name: "time",
  families: ["ipv4", "ipv6"],
  summary: "match on the time of day, weekday, day of month or date range",
  options: [
    { name: "datestart", arg: "required", value: date },
    { name: "datestop", arg: "required", value: date },
    { name: "timestart", arg: "required", value: dayTime },
    { name: "timestop", arg: "required", value: dayTime },
    { name: "contiguous", arg: "none" },
    { name: "weekdays", arg: "required", invertible: true, value: weekdays },
    { name: "monthdays", arg: "required", invertible: true, value: monthdays },
    { name: "localtz", arg: "none", excludes: ["utc"] },
    { name: "utc", arg: "none", excludes: ["localtz", "kerneltz"] },
    { name: "kerneltz", arg: "none", excludes: ["utc"] },
  ],
  finalCheck: (ctx) => {
    if (!ctx.options.has("contiguous")) return undefined;
    const start = ctx.options.get("timestart")?.values[0];
    const stop = ctx.options.get("timestop")?.values[0];
    const minutes = (t: string | undefined) => (t === undefined ? undefined : t.split(":").reduce((a, p) => a * 60 + Number(p), 0) * (t.split(":").length === 2 ? 60 : 1));
    const a = minutes(start) ?? 0;
    const b = minutes(stop) ?? 86399;
    return b < a ? undefined : "time: --contiguous only makes sense when stoptime is smaller than starttime";
  },
  save: saveTime,
};
