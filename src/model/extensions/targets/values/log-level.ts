/**
 * XTTYPE_SYSLOGLEVEL (libxtables/xtoptions.c xtopt_parse_sysloglevel): a number 0-7 read by
 * xtables_strtoui (base 0, so "0x7", "07", "+7" and " 7" pass), else one of nine names,
 * compared case-sensitively. "warn" and "err" are nft's names and are rejected.
 * oracle: `--log-level 8`, `warn`, `WARNING`, `err` → log level "…" unknown;
 * `error`, `0x7`, `+7`, `07` → accepted. iptables-save prints the number, omitting 4.
 */
import type { ValueCheck } from "../../types.js";
import { parseUint } from "../../../values/number.js";
import { bad, ok } from "../../../values/result.js";

export const SYSLOG_LEVELS: Readonly<Record<string, number>> = {
  alert: 1,
  crit: 2,
  debug: 7,
  emerg: 0,
  error: 3,
  info: 6,
  notice: 5,
  panic: 0,
  warning: 4,
};

export const syslogLevel: ValueCheck = (text) => {
  const n = parseUint(text, 0, 7);
  if (n !== undefined) return ok(n);
  const named = Object.hasOwn(SYSLOG_LEVELS, text) ? SYSLOG_LEVELS[text] : undefined;
  return named === undefined ? bad(`log level "${text}" unknown`) : ok(named);
};
