/**
 * XTTYPE_STRING options (libxtables/xtoptions.c xtopt_parse_string): only the entry's
 * .min/.max length are checked, with messages that name neither extension nor option.
 * A longer value than the kernel field holds is silently truncated (XTOPT_PUT), not rejected.
 */
import type { ValueCheck } from "../../types.js";
import { bad, ok } from "../../../values/result.js";

export function xtString(min: number, max = 0): ValueCheck {
  return (text) => {
    const length = Buffer.byteLength(text, "utf8");
    if (min !== 0 && length < min) return bad(`Argument must have a minimum length of ${min} characters`);
    if (max !== 0 && length > max) return bad(`Argument must have a maximum length of ${max} characters`);
    return ok(text);
  };
}

/** LOG and NFLOG refuse a newline in the prefix (LOG_parse, NFLOG_parse). */
export function logPrefix(): ValueCheck {
  const length = xtString(1);
  return (text, ctx) => {
    const r = length(text, ctx);
    if (!r.ok) return r;
    return text.includes("\n") ? bad("Newlines not allowed in --log-prefix") : ok(text);
  };
}
