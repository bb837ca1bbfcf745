/** `-m rt` (libip6t_rt.c): the IPv6 routing header. */
import { UINT32_MAX, x6Uint, x6UintRange } from "../../values/number.js";
import { parseIPv6 } from "../../values/address.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";

/** --rt-0-addrs: up to 16 numeric IPv6 addresses (IP6T_RT_HOPS). */
const addressList: ValueCheck = (text) => {
  const items = text.split(",");
  if (items.length > 16) return bad("too many addresses specified");
  for (const item of items) {
    if (parseIPv6(item) === undefined) return bad(`bad address: ${item}`);
  }
  return ok(items);
};

export const rtMatch: ExtensionSpec = {
  kind: "match",
  name: "rt",
  families: ["ipv6"],
  summary: "match the IPv6 routing header (type, segments left, length, addresses)",
  options: [
    { name: "rt-type", arg: "required", invertible: true, value: x6Uint("rt", "rt-type", 0, UINT32_MAX) },
    { name: "rt-segsleft", arg: "required", invertible: true, value: x6UintRange("rt", "rt-segsleft", UINT32_MAX) },
    { name: "rt-len", arg: "required", invertible: true, value: x6Uint("rt", "rt-len", 0, UINT32_MAX) },
    { name: "rt-0-res", arg: "none" },
    { name: "rt-0-addrs", arg: "required", value: addressList },
    { name: "rt-0-not-strict", arg: "none" },
  ],
};
