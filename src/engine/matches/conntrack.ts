/**
 * `-m conntrack` revision 3 (kernel xt_conntrack.c conntrack_mt) and `-m state` (xt_state.c;
 * iptables 1.8.9 sends it as conntrack with only --ctstate, which behaves the same).
 *
 * Kernel order and its consequences, kept here:
 * - the state test comes first; SNAT and DNAT are extra state bits taken from the entry's
 *   IPS_SRC_NAT / IPS_DST_NAT status, so `--ctstate DNAT` matches every packet of a
 *   connection whose destination was rewritten;
 * - a packet without an entry (INVALID, UNTRACKED: nf_ct_get_real returns NULL) stops there:
 *   `return info->match_flags & XT_CONNTRACK_STATE;` — true when a state was asked and
 *   matched, false for any other option, whatever its `!`;
 * - every other option is its own test with its own `!` (`… ^ !(invert_flags & FLAG)`);
 * - `--ctdir ORIGINAL` clears the invert bit and REPLY sets it (libxt_conntrack.c), so the
 *   test is simply "the packet's direction is the one named".
 */
import type { ExtensionNode, OptionNode } from "../../ast/nodes.js";
import type { Family } from "../../model/netfilter.js";
import { singleAddress, type ParsedHostMask } from "../../model/values/address.js";
import { ctdir, ctstateList, ctstatusList, stateList } from "../../model/values/conntrack.js";
import { x6PortRange, type PortRange } from "../../model/values/port.js";
import { protocolExact } from "../../model/values/protocol.js";
import { inNetwork, networkOf } from "../../model/ip/addresses.js";
import type { MatchContext } from "../match-types.js";
import type { Connection, Packet } from "../packet.js";
import { triAnd, triOr, type Tri } from "../tri.js";
import {
  cachedEvaluator,
  fieldInRange,
  firstValue,
  optionwise,
  undecidableOption,
  UNDECIDABLE,
  type CompiledMatch,
  type OptionCompiler,
} from "./compile.js";

/** nf_ct_get_real(skb) != NULL: INVALID and UNTRACKED packets carry no entry. */
export function hasConntrackEntry(conn: Connection): boolean {
  return conn.state !== "INVALID" && conn.state !== "UNTRACKED";
}

/** The state bits of the packet as conntrack_mt computes statebit. */
function inCtstate(name: string, conn: Connection): boolean {
  if (name === "SNAT") return hasConntrackEntry(conn) && conn.snat;
  if (name === "DNAT") return hasConntrackEntry(conn) && conn.dnat;
  return conn.state === name;
}

function stateTest(names: readonly string[], inverted: boolean): CompiledMatch {
  return ({ packet }) => names.some((n) => inCtstate(n, packet.conn)) !== inverted;
}

/**
 * nf_ct_protonum(ct): the entry's protocol is the packet's, except for an ICMP error
 * RELATED to another connection, which carries that connection's entry.
 */
function entryProtocol(packet: Packet): number | undefined {
  const icmpError = packet.conn.state === "RELATED" && (packet.proto === 1 || packet.proto === 58);
  return icmpError ? undefined : packet.proto;
}

/**
 * One IPS_* status bit, where the state implies it (nf_conntrack_core.c resolve_normal_ct):
 * NEW means no reply seen and not created from an expectation (so not ASSURED either);
 * ESTABLISHED means a reply was seen and the entry was found in the table (CONFIRMED).
 */
function statusBit(name: string, conn: Connection): Tri {
  if (conn.state === "NEW") return name === "CONFIRMED" ? "unknown" : false;
  if (conn.state === "ESTABLISHED" && (name === "SEEN_REPLY" || name === "CONFIRMED")) return true;
  return "unknown";
}

/** `!!(status_mask & ct->status)`; NONE adds no bit, so `--ctstatus NONE` alone never matches. */
function statusTest(names: readonly string[]): CompiledMatch {
  const bits = names.filter((n) => n !== "NONE");
  return ({ packet }) => bits.reduce<Tri>((acc, n) => triOr(acc, statusBit(n, packet.conn)), false);
}

function addressOption(read: (conn: Connection) => bigint): OptionCompiler {
  return (option, family) => {
    const r = singleAddress(firstValue(option) ?? "", { family });
    const network = r.ok ? networkOf(r.value as ParsedHostMask, family) : undefined;
    return network && (({ packet }) => inNetwork(network, read(packet.conn)));
  };
}

const ctPort = x6PortRange("conntrack", "port");

function portOption(read: (conn: Connection) => number | undefined): OptionCompiler {
  return (option, family) => {
    const r = ctPort(firstValue(option) ?? "", { family });
    if (!r.ok) return undefined;
    const { from, to } = r.value as PortRange;
    return fieldInRange((p) => read(p.conn), from, to);
  };
}

function listOption(parse: typeof ctstatusList, build: (names: string[]) => CompiledMatch): OptionCompiler {
  return (option, family) => {
    const r = parse(firstValue(option) ?? "", { family });
    return r.ok ? build(r.value as string[]) : undefined;
  };
}

/** Every option but --ctstate, which conntrack_mt handles before the entry is needed. */
const ENTRY_OPTIONS: Readonly<Record<string, OptionCompiler>> = {
  ctproto: (option, family) => {
    const r = protocolExact(firstValue(option) ?? "", { family });
    if (!r.ok) return undefined;
    const proto = r.value as number;
    return ({ packet }) => {
      const actual = entryProtocol(packet);
      return actual === undefined ? "unknown" : actual === proto;
    };
  },
  ctorigsrc: addressOption((c) => c.origSrc),
  ctorigdst: addressOption((c) => c.origDst),
  ctreplsrc: addressOption((c) => c.replySrc),
  ctrepldst: addressOption((c) => c.replyDst),
  ctorigsrcport: portOption((c) => c.origSport),
  ctorigdstport: portOption((c) => c.origDport),
  ctreplsrcport: portOption((c) => c.replySport),
  ctrepldstport: portOption((c) => c.replyDport),
  ctstatus: listOption(ctstatusList, statusTest),
  // The entry's remaining lifetime depends on time, not on the dump.
  ctexpire: undecidableOption,
  ctdir: (option, family) => {
    const r = ctdir(firstValue(option) ?? "", { family });
    if (!r.ok) return undefined;
    const direction = r.value as string;
    return ({ packet }) => packet.conn.direction === direction;
  },
};

function compileState(option: OptionNode | undefined, family: Family, parse: typeof ctstateList): CompiledMatch | undefined {
  if (option === undefined) return undefined;
  const r = parse(firstValue(option) ?? "", { family });
  return r.ok ? stateTest(r.value as string[], option.inverted) : UNDECIDABLE;
}

function compileConntrack(extension: ExtensionNode, family: Family): CompiledMatch {
  const stateOption = extension.options.find((o) => o.name === "ctstate");
  const state = compileState(stateOption, family, ctstateList);
  const rest = optionwise(ENTRY_OPTIONS, { ...extension, options: extension.options.filter((o) => o !== stateOption) }, family);
  if (state === undefined) return (ctx) => (hasConntrackEntry(ctx.packet.conn) ? rest(ctx) : false);
  return (ctx: MatchContext) => {
    const s = state(ctx);
    if (s === false) return false;
    return hasConntrackEntry(ctx.packet.conn) ? triAnd(s, rest(ctx)) : s;
  };
}

export const conntrackEvaluator = cachedEvaluator(compileConntrack);

/** xt_state.c state_mt: `statemask & statebit`; `!` inverts the mask (libxt_state.c). */
export const stateEvaluator = cachedEvaluator((extension, family) => {
  const option = extension.options.find((o) => o.name === "state");
  if (extension.options.length !== 1) return UNDECIDABLE;
  return compileState(option, family, stateList) ?? UNDECIDABLE;
});
