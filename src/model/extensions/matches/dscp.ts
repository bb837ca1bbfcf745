/** `-m dscp` (libxt_dscp.c). */
import { x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { bad, ok } from "../../values/result.js";
import type { ValueCheck } from "../types.js";

/** class_to_dscp (libxt_dscp_helper.c): BE, EF, AF11..AF43, CS0..CS7, case-insensitive. */
const DSCP_CLASSES = ["CS0", "CS1", "CS2", "CS3", "CS4", "CS5", "CS6", "CS7", "BE", "EF",
  "AF11", "AF12", "AF13", "AF21", "AF22", "AF23", "AF31", "AF32", "AF33", "AF41", "AF42", "AF43"];
const dscpClass: ValueCheck = (text) =>
  DSCP_CLASSES.includes(text.toUpperCase()) ? ok(text) : bad(`Invalid DSCP value \`${text}'`);

export const dscpMatch: ExtensionSpec = {
  kind: "match",
  name: "dscp",
  families: ["ipv4", "ipv6"],
  summary: "match the DSCP field of the IP header",
  options: [
    { name: "dscp", arg: "required", invertible: true, value: x6Uint("dscp", "dscp", 0, 63), excludes: ["dscp-class"] },
    { name: "dscp-class", arg: "required", invertible: true, value: dscpClass, excludes: ["dscp"] },
  ],
  finalCheck: (ctx) =>
    ctx.options.size === 0 ? "DSCP match: Parameter --dscp is required" : undefined,
};
