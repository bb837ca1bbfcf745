/**
 * TCP flag lists of `--tcp-flags MASK COMP` (libxt_tcp.c parse_tcp_flag): strtok on ','
 * (so empty elements vanish and "" is no flag), each name compared with strcasecmp.
 */
import type { ValueCheck } from "../extensions/types.js";
import { bad, ok } from "./result.js";

export const TCP_FLAGS: Readonly<Record<string, number>> = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ALL: 0x3f,
  NONE: 0,
};

export const tcpFlagList: ValueCheck = (text) => {
  let bits = 0;
  for (const word of text.split(",").filter((w) => w !== "")) {
    const bit = TCP_FLAGS[word.toUpperCase()];
    if (bit === undefined) return bad(`Unknown TCP flag \`${word}'`);
    bits |= bit;
  }
  return ok(bits);
};
