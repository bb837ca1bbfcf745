/** `-m physdev` (libxt_physdev.c, kernel xt_physdev.c): bridge port of a bridged packet. */
import { interfaceName } from "../../values/iface.js";
import { bang } from "./save-helpers.js";
import { given, words } from "../save-text.js";
import type { ExtensionSpec, SaveContext } from "../types.js";

/** physdev_save: is-in, in, is-out, out, is-bridged; names printed as given (raw). */
function savePhysdev(ctx: SaveContext): string {
  const item = (name: string) => {
    const o = given(ctx, name);
    return o && `${bang(o)}--${name}${o.values.length > 0 ? ` ${o.values[0]}` : ""}`;
  };
  return words(item("physdev-is-in"), item("physdev-in"), item("physdev-is-out"), item("physdev-out"), item("physdev-is-bridged"));
}

/**
 * kernel physdev_mt_check: --physdev-out / --physdev-is-out without a non-inverted
 * --physdev-is-bridged are refused in OUTPUT ("only supported in the FORWARD and POSTROUTING
 * chains with bridged traffic"). oracle: filter OUTPUT `--physdev-out eth0` and
 * `--physdev-is-out` fail, `--physdev-out eth0 --physdev-is-bridged` loads, with
 * `! --physdev-is-bridged` fails; INPUT, FORWARD and mangle POSTROUTING load.
 */
const outputNeedsBridged: NonNullable<ExtensionSpec["hooksFor"]> = (options) => {
  const out = options.has("physdev-out") || options.has("physdev-is-out");
  const bridged = options.get("physdev-is-bridged");
  return out && (bridged === undefined || bridged.inverted) ? ["PREROUTING", "INPUT", "FORWARD", "POSTROUTING"] : undefined;
};

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
  hooksFor: outputNeedsBridged,
  save: savePhysdev,
};
