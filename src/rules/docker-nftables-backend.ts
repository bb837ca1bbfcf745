/**
 * Docker 29 with `--firewall-backend=nftables` writes its bridge rules into the nft tables
 * `ip docker-bridges` / `ip6 docker-bridges`, which iptables-save does not show; switching
 * from the iptables backend deletes most of its iptables chains but keeps the FORWARD jump to
 * DOCKER-USER and any FORWARD DROP policy it had set (docker-firewall.md §2 era H, §3 row H;
 * docs "Docker with nftables", "Migrating from iptables to nftables"). What is left still
 * runs: DOCKER-USER's rules keep filtering forwarded traffic until the jump goes, and a
 * FORWARD DROP policy drops packets Docker's nftables rules accepted. The same dump is also
 * what 17.06–19.03 with --iptables=false or a flushed firewall leave, so the view's era H is
 * never certain: the finding says so.
 */
import type { EraVerdict, RuleRef } from "../docker/types.js";
import type { RelatedSpan, Span } from "../findings.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { iptablesFor } from "./support/published-ports.js";

function leftoverJump(era: EraVerdict): RuleRef | undefined {
  return era.leftovers.flatMap((l) => l.rules).find((r) => r.chain === "FORWARD");
}

export default defineLintRule({
  code: "IPT215",
  name: "docker-nftables-backend",
  severity: "info",
  summary: "Docker's chains are absent from iptables but DOCKER-USER is left over: Docker 29's nftables backend (or flushed rules), with leftovers that still apply",
  wholeRuleset: true,
  docs: {
    why: "With `--firewall-backend=nftables` (Docker 29) Docker keeps its rules in the nft table `ip docker-bridges`, invisible to iptables-save. Switching backends deletes Docker's iptables chains but not the FORWARD jump to DOCKER-USER nor a FORWARD DROP policy Docker once set. Both still apply: the rules in DOCKER-USER keep filtering forwarded traffic, and the DROP policy drops container traffic that Docker's nftables rules accepted (an nftables accept is not final), so published ports stop working.",
    exceptions: "The same dump fits Docker 17.06–19.03 with --iptables=false and Docker rules flushed by another tool; `nft list table ip docker-bridges` tells. Without a FORWARD DROP policy the finding is informational.",
    bad: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -i eth0 -s 198.51.100.0/24 -j DROP\nCOMMIT\n",
    good: "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n",
    references: [
      "https://docs.docker.com/engine/network/firewall-nftables/#migrating-from-iptables-to-nftables",
      "https://docs.docker.com/engine/network/firewall-nftables/#forward-policy-in-iptables",
      "https://docs.docker.com/engine/network/firewall-nftables/#migrating-docker-user",
    ],
  },
  check(ctx: RuleContext) {
    const era = ctx.docker.era;
    if (era.era !== "H") return;
    const filter = ctx.ruleset.tables.get("filter");
    const dockerUser = filter?.chains.get("DOCKER-USER");
    if (!filter || !dockerUser) return;
    const ipt = iptablesFor(ctx.ruleset.family);
    const jump = leftoverJump(era);
    const policy = ctx.docker.daemon.forwardPolicy;
    const drop = policy?.policy === "DROP";
    const related: RelatedSpan[] = [];
    const applies: string[] = [];
    const now = [`nft list table ${ctx.ruleset.family === "ipv6" ? "ip6" : "ip"} docker-bridges   # confirms the nftables backend`];
    const userRules = dockerUser.rules.length;
    if (jump) {
      applies.push(`FORWARD still jumps to DOCKER-USER, whose ${userRules} rule${userRules === 1 ? "" : "s"} still filter forwarded traffic (ACCEPTs there no longer override Docker's drops)`);
      related.push({ span: jump.span, message: "leftover jump, still evaluated" });
    } else {
      applies.push(`DOCKER-USER (${userRules} rule${userRules === 1 ? "" : "s"}) is no longer jumped to and is ignored`);
    }
    const forward = filter.chains.get("FORWARD");
    if (drop) {
      applies.push("the FORWARD policy DROP also drops container traffic that Docker's nftables rules accept");
      if (forward?.declaredAt) related.push({ span: forward.declaredAt, message: "FORWARD policy DROP" });
    }
    if (jump) now.push(`${ipt} -D FORWARD -j DOCKER-USER`);
    now.push(`${ipt} -F DOCKER-USER`, `${ipt} -X DOCKER-USER`);
    if (drop) now.push(`${ipt} -P FORWARD ACCEPT   # after adding nftables rules that block unwanted forwarding between other interfaces`);
    const span: Span = jump?.span ?? dockerUser.declaredAt ?? filter.block.nameSpan;
    ctx.report({
      span,
      ...(drop ? { severity: "warning" as const } : {}),
      message: `Docker's chains are absent from iptables and only DOCKER-USER is left: Docker ${era.versions} keeps its rules in nft table ip docker-bridges (if not, they were flushed or --iptables=false); of the leftovers, ${applies.join("; ")}`,
      help: era.note ?? "",
      related,
      remediation: {
        now,
        durable: "move the DOCKER-USER rules into an nftables table of your own (a filter chain on the forward hook; mark packets for `--bridge-accept-fwmark` instead of accepting them), set the FORWARD policy in the firewall configuration that loads at boot, or return to the iptables backend with `\"firewall-backend\": \"iptables\"` in /etc/docker/daemon.json",
      },
    });
  },
});
