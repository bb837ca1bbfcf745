/**
 * DNAT (extensions/libxt_NAT.c DNAT_opts; kernel net/netfilter/xt_nat.c). iptables 1.8.9
 * loads revision 2 in both families, which keeps a shifted port map ("80-90/85").
 * `--to` is no alias: getopt takes it as an abbreviation of --to-destination.
 * No --random-fully for DNAT (oracle: unknown option "--random-fully").
 * Canonical: ports are printed in decimal, a one-port range as one port
 * (`--to 1.2.3.4:0x50-0120` → `--to-destination 1.2.3.4:80`), IPv6 with a port in
 * brackets (`[fd00::2]:80`), an address given as "ab:80" (parse_to quirk) as ":80".
 */
import type { TargetSpec } from "./types.js";
import { firstOf, mandatory, portProtocolCheck } from "./values/nat-check.js";
import { natRange } from "./values/nat-range.js";
import { saveRangeOption } from "./values/nat-save.js";
import { saveFlags } from "./values/save-text.js";
import { words } from "../save-text.js";

export const dnatTarget: TargetSpec = {
  kind: "target",
  name: "DNAT",
  families: ["ipv4", "ipv6"],
  summary: "rewrite the destination address (and port) of new connections",
  options: [
    { name: "to-destination", arg: "required", value: natRange },
    { name: "random", arg: "none" },
    { name: "persistent", arg: "none" },
  ],
  finalCheck: firstOf(portProtocolCheck("to-destination", true), mandatory("DNAT", "to-destination")),
  // oracle: -t nat PREROUTING / OUTPUT → accepted; INPUT, POSTROUTING → rejected
  // (RULE_APPEND failed (Invalid argument)); -t filter / mangle → rejected.
  tables: ["nat"],
  hooks: ["PREROUTING", "OUTPUT"],
  // DNAT_save (revision 2): --to-destination, --random, --persistent, in that order.
  // oracle: `--persistent --random --to-destination 1.2.3.4` → `--to-destination 1.2.3.4
  // --random --persistent`; `1.2.3.4:80-90/85x` → `1.2.3.4:80-90/85`.
  save: (ctx) => words(saveRangeOption(ctx, "to-destination", "kept"), ...saveFlags(ctx, ["random", "persistent"])),
};
