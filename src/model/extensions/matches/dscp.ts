/** `-m dscp` (libxt_dscp.c). */
import { parseUint, x6Uint } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { bad, ok } from "../../values/result.js";
import type { ValueCheck } from "../types.js";
import { given, hex } from "../save-text.js";

/** class_to_dscp (libxt_dscp_helper.c): BE, EF, AF11..AF43, CS0..CS7, case-insensitive. */
const DSCP_CLASSES = ["CS0", "CS1", "CS2", "CS3", "CS4", "CS5", "CS6", "CS7", "BE", "EF",
  "AF11", "AF12", "AF13", "AF21", "AF22", "AF23", "AF31", "AF32", "AF33", "AF41", "AF42", "AF43"];
const dscpClass: ValueCheck = (text) =>
  DSCP_CLASSES.includes(text.toUpperCase()) ? ok(text) : bad(`Invalid DSCP value \`${text}'`);

/** class_to_dscp values (libxt_dscp_helper.c ds_classes). */
const DSCP_CLASS_VALUES: Readonly<Record<string, number>> = {
  CS0: 0x00, CS1: 0x08, CS2: 0x10, CS3: 0x18, CS4: 0x20, CS5: 0x28, CS6: 0x30, CS7: 0x38, BE: 0x00,
  AF11: 0x0a, AF12: 0x0c, AF13: 0x0e, AF21: 0x12, AF22: 0x14, AF23: 0x16,
  AF31: 0x1a, AF32: 0x1c, AF33: 0x1e, AF41: 0x22, AF42: 0x24, AF43: 0x26, EF: 0x2e,
};

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
  // dscp_save: `--dscp 0xNN`; a --dscp-class is stored as its DSCP value
  save: (ctx) => {
    const cls = given(ctx, "dscp-class");
    const value = cls ? DSCP_CLASS_VALUES[cls.values[0]!.toUpperCase()]! : parseUint(given(ctx, "dscp")!.values[0]!, 0, 63)!;
    return `${cls?.inverted || given(ctx, "dscp")?.inverted ? "! " : ""}--dscp ${hex(value, 2)}`;
  },
};
