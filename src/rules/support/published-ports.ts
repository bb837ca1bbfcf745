/**
 * What the published-port rules (IPT202–IPT204) share: how a port is named in messages, the
 * command for the dump's family, and whether DOCKER-USER already keeps the outside away from
 * a port. The external interface is the Docker view's guess (src/docker/external-interface.ts).
 */
import { FactIndex, isBareReturn, type RuleFacts } from "../../docker/facts.js";
import { bridgeLabel, containerLabel } from "../../docker/names.js";
import { inSubnet, portBounds } from "../../docker/net.js";
import type { PublishedPort } from "../../docker/types.js";
import type { PortContainer } from "../../engine/exposure.js";
import type { Family } from "../../model/netfilter.js";
import type { Ruleset } from "../../model/ruleset.js";

export function iptablesFor(family: Family): string {
  return family === "ipv6" ? "ip6tables" : "iptables";
}

/** `192.0.2.2:80`, `[fd00::2]:80`: an IPv6 address in brackets, as Docker and ss print it. */
export function addressPort(address: string, port: string): string {
  return `${address.includes(":") ? `[${address}]` : address}:${port}`;
}

/** `0.0.0.0:8080`, `[::]:8080`. */
export function hostEndpoint(port: PublishedPort): string {
  return addressPort(port.hostAddress ?? "?", port.hostPort ?? "*");
}

/** `192.0.2.2:80`, `[fd00::2]:80`. */
export function containerEndpoint(port: PublishedPort): string {
  return addressPort(port.containerAddress, port.containerPort ?? port.hostPort ?? "*");
}

/** `web (nginx:1.27) at 192.0.2.2:80` when Docker's names are known (--docker-inspect), else the bare endpoint. */
export function namedContainerEndpoint(port: PublishedPort): string {
  return port.owner ? `${containerLabel(port.owner)} at ${containerEndpoint(port)}` : containerEndpoint(port);
}

/** ` on docker0`, ` on br-5e0f6a2c9d31 (network shop_default)`, ` on network shop_default` (no bridge in the rules), or nothing. */
export function portBridgeText(port: PublishedPort): string {
  const network = port.network?.name ?? port.owner?.network;
  if (port.bridge !== undefined) return ` on ${bridgeLabel(port.bridge, network)}`;
  return network !== undefined ? ` on network ${network}` : "";
}

/** Where the port leads, for messages: `web (nginx:1.27) at 172.17.0.2:80 on docker0 (network bridge)`. */
export function portDestination(port: PublishedPort): string {
  return `${namedContainerEndpoint(port)}${portBridgeText(port)}`;
}

/**
 * An exposure target's container for messages: `web (nginx:1.27) at 172.17.0.2:80`, and with
 * `withBridge` ` on docker0 (network bridge)` after it.
 */
export function targetContainerText(c: PortContainer, fallbackPort: string, withBridge: boolean): string {
  const who = c.name !== undefined ? `${containerLabel({ name: c.name, ...(c.image ? { image: c.image } : {}) })} at ` : "";
  const where = !withBridge ? "" : c.bridge !== undefined ? ` on ${bridgeLabel(c.bridge, c.network)}` : c.network !== undefined ? ` on network ${c.network}` : "";
  return `${who}${addressPort(c.address, c.port ?? fallbackPort)}${where}`;
}

/** `iptables -t nat -D DOCKER …` from a rule's canonical `-A DOCKER …` text. */
export function deleteCommand(family: Family, table: string, text: string): string {
  return `${iptablesFor(family)}${table === "filter" ? "" : ` -t ${table}`} ${text.replace(/^-A /, "-D ")}`;
}

/** Whether a port list ("80,443,8000:8010") and a port or range share a port. */
export function portsOverlap(list: string, port: string): boolean {
  const p = portBounds(port);
  return p !== undefined && list.split(",").some((item) => {
    const i = portBounds(item);
    return i !== undefined && i.from <= p.to && p.from <= i.to;
  });
}

/**
 * The DOCKER-USER rule that drops or rejects the port's traffic from outside, if any. It sees
 * packets after DNAT (docker-firewall.md §4 pitfall 1): `--dport` and `-d` name the container
 * port and address, `-m conntrack --ctorigdstport` the host port. A rule counts when none of
 * its conditions rules the port out; a plain `-s` (a block list) or an unknown match does not
 * count, `! -s` and `! --match-set` (allow lists) do. Rules after an unconditional RETURN or
 * ACCEPT are never reached.
 */
export function dockerUserRestriction(ruleset: Ruleset, port: PublishedPort): RuleFacts | undefined {
  for (const f of new FactIndex(ruleset).chain("filter", "DOCKER-USER")) {
    if (isBareReturn(f) || (f.target === "ACCEPT" && isUnconditional(f))) return undefined;
    if ((f.target === "DROP" || f.target === "REJECT") && covers(f, port)) return f;
  }
  return undefined;
}

function isUnconditional(f: RuleFacts): boolean {
  return !f.in && !f.out && !f.src && !f.dst && !f.proto && f.rule.command.rule.matches.length === 0;
}

function covers(f: RuleFacts, port: PublishedPort): boolean {
  if (f.proto && (f.proto.inverted || f.proto.value !== port.protocol)) return false;
  if (f.src && !f.src.inverted) return false;
  if (f.dst && (f.dst.inverted || !inSubnet(port.containerAddress, f.dst.value, port.family))) return false;
  if (f.out && (f.out.inverted ? f.out.value === port.bridge : f.out.value !== port.bridge)) return false;
  return f.rule.command.rule.matches.every((m) => m.options.every((o) => optionCovers(m.name, o.name, o.inverted, o.values.map((w) => w.text).join(" "), port)));
}

/** Whether one match option leaves the port's traffic from outside inside the rule. */
function optionCovers(match: string, option: string, inverted: boolean, value: string, port: PublishedPort): boolean {
  const containerPort = port.containerPort ?? port.hostPort;
  switch (`${match}.${option}`) {
    case "tcp.dport":
    case "udp.dport":
    case "sctp.dport":
    case "multiport.dports":
    case "multiport.ports":
      return !inverted && containerPort !== undefined && portsOverlap(value, containerPort);
    case "conntrack.ctorigdstport":
      return !inverted && port.hostPort !== undefined && portsOverlap(value, port.hostPort);
    case "conntrack.ctorigsrc":
    case "set.match-set":
    case "iprange.src-range":
      return inverted;
    case "conntrack.ctstate":
    case "conntrack.ctdir":
    case "conntrack.ctproto":
    case "state.state":
    case "comment.comment":
    case "tcp.syn":
    case "tcp.tcp-flags":
      return true;
    default:
      return false;
  }
}
