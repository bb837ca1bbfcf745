/** `-m physdev` (libxt_physdev.c, kernel xt_physdev.c): bridge port of a bridged packet. */
import { interfaceName } from "../../values/iface.js";
import type { ExtensionSpec } from "../types.js";
import { bang, given, words } from "./save-helpers.js";
import type { SaveContext } from "../types.js";

/** physdev_save: is-in, in, is-out, out, is-bridged; names printed as given (raw). */
function savePhysdev(ctx: SaveContext): string {
  const item = (name: string) => {
    const o = given(ctx, name);
    return o && `${bang(o)}--${name}${o.values.length > 0 ? ` ${o.values[0]}` : ""}`;
  };
  return words(item("physdev-is-in"), item("physdev-in"), item("physdev-is-out"), item("physdev-out"), item("physdev-is-bridged"));
}

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
  save: savePhysdev,
};
