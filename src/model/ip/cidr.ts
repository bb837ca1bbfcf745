/** `ADDR[/LEN]` (or a comma list of them) as an address set; undefined when not one. */
import { maskBytes, prefixLength } from "../../format/address.js";
import type { Family } from "../netfilter.js";
import { parseHostMask } from "../values/address.js";
import { AddressSet } from "./address-set.js";
import { addressToBigint } from "./addresses.js";

export function parseCidrSet(text: string, family: Family): AddressSet | undefined {
  let set = AddressSet.empty(family);
  for (const item of text.split(",")) {
    const parsed = parseHostMask(item, family);
    if (!parsed.ok || parsed.value.host.kind !== "address") return undefined;
    const length = prefixLength(maskBytes(parsed.value.mask, family));
    if (length === undefined) return undefined;
    set = set.union(AddressSet.prefix(family, addressToBigint(parsed.value.host.bytes), length));
  }
  return set;
}
