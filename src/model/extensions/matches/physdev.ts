/** `-m physdev` (libxt_physdev.c, kernel xt_physdev.c): bridge port of a bridged packet. */
import { interfaceName } from "../../values/iface.js";
import type { ExtensionSpec } from "../types.js";

export const physdevMatch: ExtensionSpec = {
  kind: "match",
  name: "physdev",
  families: ["ipv4", "ipv6"],
  summary: "match the bridge port a bridged packet came in on or leaves by",
  options: [
    { name: "physdev-in", arg: "required", invertible: true, value: interfaceName },
    { name: "physdev-out", arg: "required", invertible: true, value: interfaceName },
    { name: "physdev-is-in", arg: "none", invertible: true },
    { name: "physdev-is-out", arg: "none", invertible: true },
    { name: "physdev-is-bridged", arg: "none", invertible: true },
  ],
  finalCheck: (ctx) => (ctx.options.size === 0 ? "PHYSDEV: no physdev option specified" : undefined),
};
