/** `-m ipv6header` (libip6t_ipv6header.c). */
import type { ExtensionSpec } from "../types.js";
import { bad, ok } from "../../values/result.js";
import type { ValueCheck } from "../types.js";
import { mandatory } from "./x6.js";

const HEADERS = ["hop", "dst", "route", "frag", "auth", "esp", "none", "prot", "hop-by-hop", "ipv6-opts",
  "ipv6-route", "ipv6-frag", "ah", "ipv6-nonxt", "protocol", "0", "60", "43", "44", "51", "50", "59", "255"];
/** parse_header: comma list of names or numbers. */
const headerList: ValueCheck = (text) => {
  for (const h of text.split(",")) if (!HEADERS.includes(h)) return bad(`unknown header \`${h}' specified`);
  return ok(text);
};

export const ipv6headerMatch: ExtensionSpec = {
  kind: "match",
  name: "ipv6header",
  families: ["ipv6"],
  summary: "match the set of IPv6 extension headers present",
  options: [
    { name: "header", arg: "required", invertible: true, value: headerList },
    { name: "soft", arg: "none" },
  ],
  finalCheck: mandatory("ipv6header", "header"),
};
