/** `-m connbytes` (libxt_connbytes.c). */
import { x6UintRange } from "../../values/number.js";
import type { ExtensionSpec } from "../types.js";
import { exactChoice } from "../../values/keywords.js";
import { mandatory } from "./x6.js";

export const connbytesMatch: ExtensionSpec = {
  kind: "match",
  name: "connbytes",
  families: ["ipv4", "ipv6"],
  summary: "match the bytes/packets a connection has transferred so far",
  options: [
    { name: "connbytes", arg: "required", invertible: true, value: x6UintRange("connbytes", "connbytes", 0xffffffffffffffffn) },
    { name: "connbytes-dir", arg: "required", value: exactChoice(["original", "reply", "both"], (t) => `Unknown --connbytes-dir `+"`"+`${t}'`) },
    { name: "connbytes-mode", arg: "required", value: exactChoice(["packets", "bytes", "avgpkt"], (t) => `Unknown --connbytes-mode `+"`"+`${t}'`) },
  ],
  finalCheck: mandatory("connbytes", "connbytes", "connbytes-dir", "connbytes-mode"),
};
