/**
 * Interface names as xtables_parse_interface (libxtables/xtables.c) takes them for -i/-o
 * and physdev: any bytes, not empty, shorter than IFNAMSIZ (16); a final '+' is a wildcard.
 * A '+' elsewhere is an ordinary character (the oracle accepts `e+th`).
 */
import type { ValueCheck } from "../extensions/types.js";
import { bad, ok } from "./result.js";

export const IFNAMSIZ = 16;

export interface InterfaceName {
  readonly name: string;
  /** True for `eth+`: matches every interface whose name starts with `eth`. */
  readonly wildcard: boolean;
}

export const interfaceName: ValueCheck = (text) => {
  if (text.length === 0) return bad("Empty interface is likely to be undesired");
  if (Buffer.byteLength(text, "utf8") >= IFNAMSIZ) {
    return bad(`interface name \`${text}' must be shorter than IFNAMSIZ (${IFNAMSIZ - 1})`);
  }
  const wildcard = text.endsWith("+");
  return ok<InterfaceName>({ name: wildcard ? text.slice(0, -1) : text, wildcard });
};
