/**
 * TPROXY revision 1 (extensions/libxt_TPROXY.c; kernel net/netfilter/xt_TPROXY.c):
 * redirect to a local socket without changing the packet, for transparent proxies.
 */
import { formatAddress } from "../matches/save-helpers.js";
import { parseHost, type ParsedHost } from "../../values/address.js";
import { markMaskFor, type MarkMask } from "../../values/mark.js";
import { serviceOrTruncatedPort } from "../../values/port.js";
import type { TargetSpec } from "./types.js";
import { mandatory } from "./values/nat-check.js";
import { hex, parsed, valueOf } from "../save-text.js";
import type { SaveContext, ValueCheck } from "../types.js";
import { bad, ok } from "../../values/result.js";
import { inetAton } from "../../values/address.js";

const tproxyMark = markMaskFor("TPROXY", "tproxy-mark");

/**
 * --on-ip is XTTYPE_HOST: one address, no mask (oracle: `10.1.2.3/24` fails with
 * "getaddrinfo: Name or service not known"; `1.2` is 1.0.0.2).
 */
const onIp: ValueCheck = (text, ctx) => {
  // getaddrinfo reads an IPv4 literal as inet_aton does ("1.2" is 1.0.0.2), unlike -s.
  const v4 = ctx.family === "ipv4" ? inetAton(text) : undefined;
  if (v4 !== undefined) return ok<ParsedHost>({ kind: "address", bytes: v4 });
  const r = parseHost(text, ctx.family);
  return r.ok ? r : bad("getaddrinfo: Name or service not known");
};

/**
 * tproxy_tg_save4/6 (revision 1): all three options, always — the address defaults to the
 * family's any address, the mark to 0x0/0x0, and a mark without mask has the full mask.
 */
function saveTproxy(ctx: SaveContext): string {
  const port = parsed<number>(serviceOrTruncatedPort, valueOf(ctx, "on-port") ?? "0", ctx.family);
  const ipText = valueOf(ctx, "on-ip");
  const host = ipText === undefined ? undefined : parsed<ParsedHost>(onIp, ipText, ctx.family);
  const any = ctx.family === "ipv4" ? [0, 0, 0, 0] : new Array<number>(16).fill(0);
  const ip = host === undefined ? formatAddress(any, ctx.family) : host.kind === "address" ? formatAddress(host.bytes, ctx.family) : host.hostname;
  const markText = valueOf(ctx, "tproxy-mark");
  const mark = markText === undefined ? { value: 0, mask: 0 } : parsed<MarkMask>(tproxyMark, markText, ctx.family);
  return `--on-port ${port} --on-ip ${ip} --tproxy-mark ${hex(mark.value)}/${hex(mark.mask)}`;
}

export const tproxyTarget: TargetSpec = {
  kind: "target",
  name: "TPROXY",
  families: ["ipv4", "ipv6"],
  summary: "send the packet to a local socket unchanged (transparent proxy), optionally marking it",
  options: [
    { name: "on-port", arg: "required", value: serviceOrTruncatedPort },
    { name: "on-ip", arg: "required", value: onIp },
    { name: "tproxy-mark", arg: "required", value: tproxyMark },
  ],
  // oracle: `-j TPROXY --tproxy-mark 1` → TPROXY: option "--on-port" must be specified
  finalCheck: mandatory("TPROXY", "on-port"),
  // kernel tproxy_tg_reg: .table = "mangle", .hooks = PREROUTING; tproxy_tg4/6_check: "Can be
  // used only with -p tcp or -p udp" (oracle: no -p, `-p sctp`, `! -p tcp`, mangle INPUT,
  // filter INPUT and raw PREROUTING all fail at load).
  tables: ["mangle"],
  hooks: ["PREROUTING"],
  requiresProtocol: ["tcp", "udp"],
  save: saveTproxy,
};
