/**
 * A user chain that no rule of its table jumps (-j) or goes (-g) to: the kernel only enters a
 * user chain through such a rule, so its rules never run. Usually left over from a removed
 * jump, a renamed chain, or a tool that was uninstalled. Chains that software creates empty
 * on purpose are not reported: Docker's own chains (some stay unused in some layouts, and
 * IPT201 and IPT213 judge them), and the framework chains of kubelet, ufw, Shorewall and
 * OpenWrt (SOFTWARE_CHAINS).
 */
import { isDockerChain } from "../docker/chains.js";
import type { TableName } from "../model/netfilter.js";
import type { Chain, Table } from "../model/ruleset.js";
import { defineLintRule, type RuleContext } from "./define.js";
import { chainTarget } from "../model/chain-graph.js";
import { iptablesFor } from "./support/published-ports.js";

/**
 * Chains that other software creates whether or not anything jumps to them, and recreates when
 * they are deleted:
 * - kubelet's KUBE-IPTABLES-HINT (tells kube-proxy which iptables backend is in use), the
 *   KUBE-*-CANARY chains (their disappearance shows that someone flushed the table), and
 *   KUBE-MARK-DROP, which kubelet creates for kube-proxy versions that jump to it;
 * - ufw's framework (ufw-*, ufw6-*): placeholders for `limit` rules, logging levels and the
 *   skip-to-policy chains exist from `ufw enable` on;
 * - Shorewall's `shorewall` chain, whose existence tells `shorewall status` the firewall is up;
 * - OpenWrt fw3's zone_<zone>_ACCEPT/DROP/REJECT, made for every zone whatever its policies.
 */
const SOFTWARE_CHAINS: readonly RegExp[] = [/^KUBE-(IPTABLES-HINT|KUBELET-CANARY|PROXY-CANARY|MARK-DROP)$/, /^ufw6?-/, /^shorewall$/, /^zone_.+_(ACCEPT|DROP|REJECT)$/];

function referencedChains(table: Table): Set<string> {
  const referenced = new Set<string>();
  for (const chain of table.chains.values()) {
    for (const rule of chain.rules) {
      const target = chainTarget(rule);
      if (target !== undefined) referenced.add(target);
    }
  }
  return referenced;
}

/**
 * User chains declared with a policy (`:FOO ACCEPT`): IPT026 reports the line, and what the
 * chain is depends on the backend (iptables-legacy-restore refuses it).
 */
function declaredWithPolicy(table: Table): Set<string> {
  return new Set(table.block.chains.filter((d) => d.policy !== undefined && d.policy !== "-").map((d) => d.name));
}

function exempt(table: TableName, chain: Chain): boolean {
  return chain.builtin || isDockerChain(table, chain.name) || SOFTWARE_CHAINS.some((re) => re.test(chain.name));
}

export default defineLintRule({
  code: "IPT112",
  name: "chain-unused",
  severity: "info",
  summary: "A user chain that no rule of its table jumps or goes to, so its rules never run",
  wholeRuleset: true,
  docs: {
    why: "Packets enter a user-defined chain only through a rule with -j or -g naming it. A chain nothing refers to is dead weight: its rules never run, yet they read as if they protected something. It is usually what is left after a jump was deleted, a chain was renamed, or a tool that managed it was removed, and it may hide a rule the author believes is active.",
    exceptions: "Docker's chains are not reported (Docker declares some that stay unused in some layouts; IPT201 and IPT213 judge Docker's chains), nor chains that other software creates whether or not it uses them and recreates when deleted: kubelet's and kube-proxy's markers (KUBE-IPTABLES-HINT, KUBE-KUBELET-CANARY, KUBE-PROXY-CANARY, KUBE-MARK-DROP), ufw's chains (ufw-*, ufw6-*), Shorewall's `shorewall` chain and OpenWrt's zone_*_ACCEPT/DROP/REJECT. Fragments are not judged, since the jump may be in a part of the ruleset that was left out. A chain that is jumped to only from another unused chain is not reported until that chain is gone.",
    bad: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:ssh-allow - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A ssh-allow -s 192.0.2.0/24 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n",
    good: "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n:ssh-allow - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ssh-allow\n-A ssh-allow -s 192.0.2.0/24 -j ACCEPT\nCOMMIT\n",
    references: ["https://ipset.netfilter.org/iptables.man.html", "https://www.netfilter.org/documentation/HOWTO/packet-filtering-HOWTO-7.html"],
  },
  check(ctx: RuleContext) {
    for (const table of ctx.ruleset.tables.values()) {
      const referenced = referencedChains(table);
      const withPolicy = declaredWithPolicy(table);
      for (const chain of table.chains.values()) {
        if (exempt(table.name, chain) || referenced.has(chain.name) || withPolicy.has(chain.name) || !chain.declaredAt) continue;
        report(ctx, table.name, chain);
      }
    }
  },
});

function report(ctx: RuleContext, table: TableName, chain: Chain): void {
  const ipt = `${iptablesFor(ctx.ruleset.family)}${table === "filter" ? "" : ` -t ${table}`}`;
  const count = chain.rules.length;
  const what = count === 0 ? "it is empty and does nothing" : `its ${count === 1 ? "rule never runs" : `${count} rules never run`}`;
  ctx.report({
    span: chain.declaredAt as NonNullable<Chain["declaredAt"]>,
    message: `chain ${chain.name} in the ${table} table is declared but no rule jumps or goes to it, so ${what}`,
    help: `Add the jump that was meant to send packets there (\`${ipt} -A <chain> … -j ${chain.name}\`), or delete the chain.`,
    remediation: {
      now: [...(count > 0 ? [`${ipt} -F ${chain.name}`] : []), `${ipt} -X ${chain.name}`],
      durable: `delete the :${chain.name} line and its -A ${chain.name} rules from the saved rules (e.g. /etc/iptables/rules.v4) or from the script that creates them`,
    },
  });
}
