/**
 * `-m multiport` revision 1 (kernel xt_multiport.c ports_match_v1). The whole list is one
 * test and `!` inverts the list, not each port: the loop returns `true ^ invert` at the first
 * port or range that fits and `invert` when none does, so `! --ports 22,80` matches a packet
 * only when neither its source nor its destination port is listed. A non-first fragment
 * never matches (`if (par->fragoff != 0) return false;`).
 */
import type { ExtensionNode, OptionNode } from "../../ast/nodes.js";
import { multiportRanges, type PortRange } from "../../model/values/port.js";
import type { Packet } from "../packet.js";
import { triInvert, type Tri } from "../tri.js";
import { cachedEvaluator, firstValue, UNDECIDABLE, type CompiledMatch } from "./compile.js";

/** check_proto: the protocols whose first four header bytes are the two ports. */
const PORT_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 136, 132, 33]);

/**
 * parse_multi_ports_v1 items, `A` or `A:B`. Names resolve with any protocol's entry: no
 * name of the bundled services table has different ports for tcp, udp and sctp.
 */
type Direction = "source" | "destination" | "either";

const DIRECTIONS: Readonly<Record<string, Direction>> = { sports: "source", dports: "destination", ports: "either" };

function listed(ranges: readonly PortRange[], port: number | undefined): Tri {
  if (port === undefined) return "unknown";
  for (const r of ranges) if (port >= r.from && port <= r.to) return true;
  return false;
}

function listTest(ranges: readonly PortRange[], direction: Direction): (packet: Packet) => Tri {
  switch (direction) {
    case "source":
      return (p) => listed(ranges, p.sport);
    case "destination":
      return (p) => listed(ranges, p.dport);
    case "either":
      return (p) => {
        const s = listed(ranges, p.sport);
        const d = listed(ranges, p.dport);
        return s === true || d === true ? true : s === "unknown" || d === "unknown" ? "unknown" : false;
      };
  }
}

function compileOption(option: OptionNode | undefined): CompiledMatch {
  const direction = option === undefined ? undefined : DIRECTIONS[option.name];
  const ranges = option === undefined ? undefined : multiportRanges(firstValue(option) ?? "");
  if (option === undefined || direction === undefined || ranges === undefined) return UNDECIDABLE;
  const test = listTest(ranges, direction);
  const inverted = option.inverted;
  return ({ packet }) => {
    if (!PORT_PROTOCOLS.has(packet.proto) || packet.fragment) return false;
    return triInvert(test(packet), inverted);
  };
}

/**
 * The ports `--dports` or `--ports` (not inverted) list: a packet to any of them may match;
 * undefined when the match lists none that way.
 */
export function listedDestinationPorts(extension: ExtensionNode): PortRange[] | undefined {
  const option = extension.options.length === 1 ? extension.options[0] : undefined;
  const direction = option === undefined ? undefined : DIRECTIONS[option.name];
  if (option === undefined || option.inverted || (direction !== "destination" && direction !== "either")) return undefined;
  return multiportRanges(firstValue(option) ?? "");
}

/** Only one of --sports/--dports/--ports can be given (libxt_multiport.c refuses more). */
export const multiportEvaluator = cachedEvaluator((extension: ExtensionNode) =>
  extension.options.length === 1 ? compileOption(extension.options[0]) : UNDECIDABLE,
);
