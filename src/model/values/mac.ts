/**
 * Ethernet MAC addresses (XTTYPE_ETHERMAC, xtoptions.c xtopt_parse_ethermac): six
 * ':'-separated parts of one or two hex digits ("0:1:2:3:4:5" is fine, '-' is not).
 */
import type { ValueCheck } from "../extensions/types.js";
import { bad, ok } from "./result.js";

const MAC = /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/;

export const macAddress: ValueCheck = (text) => {
  if (!MAC.test(text)) return bad("Invalid MAC address specified.");
  return ok(text.split(":").map((h) => parseInt(h, 16)));
};
