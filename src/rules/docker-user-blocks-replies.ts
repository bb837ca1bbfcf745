/**
 * FORWARD jumps to DOCKER-USER before Docker's own `--ctstate RELATED,ESTABLISHED -j ACCEPT`
 * (FORWARD up to 28.0.0, DOCKER-CT from 28.0.1; docker-firewall.md §2). A DROP or REJECT there
 * that does not exclude established traffic also drops the replies to connections the
 * containers opened — DNS answers, downloads — unless an earlier DOCKER-USER rule lets
 * RELATED,ESTABLISHED through (§4 pitfall 2; docker/docs PR #21708 added that rule to the
 * docs after DNS broke). Without `-i <external interface>` it also catches the containers'
 * own outgoing packets and the traffic between Docker networks.
 */
import { FactIndex, isBareReturn, plain, type RuleFacts } from "../docker/facts.js";
import { inSubnet } from "../docker/net.js";
import type { Bridge, DockerView } from "../docker/types.js";
import { externalInterface } from "../docker/external-interface.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { admitsEstablished, isEstablishedPass, matchOptions, type MatchOption } from "./support/docker-user.js";
import { iptablesFor, portsOverlap } from "./support/published-ports.js";

/** Linux's default ephemeral range (net.ipv4.ip_local_port_range), the reply's --dport. */
const EPHEMERAL = "32768:60999";

/** Options that leave a rule's match set unchanged for the question asked here. */
const NEUTRAL = new Set(["comment.comment", "limit.limit", "limit.limit-burst", "conntrack.ctproto", "pkttype.pkt-type"]);

/** Whether one match option admits the reply packets of a container's outgoing connection. */
function optionAdmitsReplies(o: MatchOption): boolean {
  const key = `${o.match}.${o.option}`;
  if (NEUTRAL.has(key)) return true;
  switch (key) {
    case "conntrack.ctstate":
    case "state.state":
      return admitsEstablished(o);
    case "conntrack.ctdir":
      return o.value.toUpperCase() === "REPLY" ? !o.inverted : o.inverted;
    case "tcp.dport":
    case "udp.dport":
    case "multiport.dports":
      // A reply goes to the container's ephemeral port.
      return o.inverted || portsOverlap(o.value, EPHEMERAL);
    case "multiport.ports":
      return true;
    case "tcp.sport":
    case "udp.sport":
    case "multiport.sports":
      // A reply comes from the remote service's port: a plain --sport is a deliberate choice.
      return o.inverted;
    case "set.match-set":
    case "iprange.src-range":
    case "conntrack.ctorigdst":
    case "conntrack.ctorigdstport":
    case "conntrack.ctorigsrc":
      // Allow lists (inverted) drop everything else, replies included; block lists do not.
      return o.inverted;
    default:
      // --syn, icmp types, addrtype, unknown matches: narrower than "any reply".
      return false;
  }
}

function bridgeNames(docker: DockerView): Set<string> {
  return new Set(docker.bridges.map((b) => b.name));
}

function containerSubnets(docker: DockerView): string[] {
  return docker.bridges.flatMap((b: Bridge) => b.subnets.map((s) => s.cidr));
}

/** Whether a DROP/REJECT catches the replies to containers' outgoing connections. */
function dropsReplies(f: RuleFacts, docker: DockerView): boolean {
  const bridges = bridgeNames(docker);
  if (f.src && !f.src.inverted) return false; // a block list
  const inIf = plain(f.in);
  if (inIf && bridges.has(inIf)) return false; // packets from the containers, not replies to them
  const outIf = plain(f.out);
  if (outIf && !bridges.has(outIf) && !outIf.endsWith("+")) return false; // towards the outside
  if (f.dst && !f.dst.inverted && !containerSubnets(docker).some((c) => inSubnet(c.split("/")[0] as string, f.dst?.value as string, docker.family))) return false;
  if (f.proto?.inverted) return true;
  return matchOptions(f).every(optionAdmitsReplies);
}

/** What else the rule catches, for the message: none with `-i <ext>`, more without. */
function alsoCatches(f: RuleFacts, docker: DockerView): string {
  if (plain(f.in)) return "";
  const outIf = plain(f.out);
  if (outIf && bridgeNames(docker).has(outIf)) return `; without -i <external interface> it also drops the traffic from other Docker networks into ${outIf}`;
  return "; without -i <external interface> it also drops the containers' own outgoing packets and the traffic between Docker networks";
}

/** `-R DOCKER-USER N` with the rule limited to the external interface (canonical order: -s -d -i). */
function narrowed(text: string, position: number, ext: string): string {
  const body = / ! -i \S+/.test(text)
    ? text.replace(/ ! -i \S+/, ` -i ${ext}`)
    : text.replace(/^-A DOCKER-USER (?:!? ?-s \S+ )?(?:!? ?-d \S+ )?/, (head) => `${head}-i ${ext} `);
  return body.replace(/^-A DOCKER-USER /, `-R DOCKER-USER ${position} `);
}

export default defineLintRule({
  code: "IPT210",
  name: "docker-user-blocks-replies",
  severity: "warning",
  summary: "A DROP or REJECT in DOCKER-USER also drops the replies to connections the containers opened",
  wholeRuleset: false,
  docs: {
    why: "FORWARD jumps to DOCKER-USER before Docker's own rule that accepts RELATED,ESTABLISHED traffic. A drop there that is meant for incoming connections (an allow list such as ! -s 203.0.113.0/24 -j DROP, or a blanket -j DROP) also drops the replies to connections the containers opened themselves: DNS answers, package downloads, API calls. Without -i <external interface> it also drops the containers' own outgoing packets and the traffic between Docker networks.",
    exceptions: "A rule that only drops new connections (--ctstate NEW, --ctdir ORIGINAL, --syn), a block list (-s of the bad hosts), a rule on the containers' own outgoing traffic (-i <bridge>, -o <external interface>), and every rule after a RELATED,ESTABLISHED ACCEPT or RETURN in DOCKER-USER are fine.",
    bad: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A DOCKER-USER -i eth0 ! -s 203.0.113.0/24 -j DROP\nCOMMIT\n",
    good: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER - [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A FORWARD -o docker0 -j DOCKER\n-A FORWARD -i docker0 ! -o docker0 -j ACCEPT\n-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n-A DOCKER-USER -i eth0 ! -s 203.0.113.0/24 -j DROP\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/#restrict-external-connections-to-containers",
      "https://github.com/docker/docs/pull/21708",
    ],
  },
  check(ctx: RuleContext) {
    const docker = ctx.docker;
    if (!docker.hasDockerRules) return;
    const rules = new FactIndex(ctx.ruleset).chain("filter", "DOCKER-USER");
    const iptables = iptablesFor(ctx.ruleset.family);
    let ext: string | undefined;
    for (const [i, f] of rules.entries()) {
      if (isEstablishedPass(f) || isBareReturn(f)) return;
      if (f.target !== "DROP" && f.target !== "REJECT") continue;
      if (!dropsReplies(f, docker)) continue;
      ext ??= externalInterface(ctx.ruleset, docker);
      // Replace first: inserting the RETURN at the top shifts the rule's position.
      const now = [
        ...(plain(f.in) ? [] : [`${iptables} ${narrowed(f.ref.text, i + 1, ext)}`]),
        `${iptables} -I DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`,
      ];
      ctx.report({
        span: f.ref.span,
        message: `DOCKER-USER ${f.target === "DROP" ? "drops" : "rejects"} this traffic before any RELATED,ESTABLISHED rule, so it also ${f.target === "DROP" ? "drops" : "rejects"} the replies to connections the containers opened (DNS answers, downloads)${alsoCatches(f, docker)}`,
        help: "DOCKER-USER runs before Docker's own RELATED,ESTABLISHED accept: let established traffic through first, as Docker's documentation does",
        remediation: {
          now,
          durable: "keep -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN as the first DOCKER-USER rule, and -i <external interface> on the drops, in the firewall configuration that restores DOCKER-USER at boot",
        },
      });
    }
  },
});
