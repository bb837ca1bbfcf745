/**
 * Reading `iptables -L` output: the layouts of -n, -v, -x and --line-numbers, several tables
 * pasted together, names without -n, what is reported as lost, and rows that cannot be read.
 * The listings below are iptables 1.8.9's output (scripts/kernel-listing) unless a test says
 * it changed them.
 */
import { describe, expect, it } from "vitest";
import { printRuleset } from "../../src/format/print.js";
import { lintText, type LintOptions } from "../../src/lint.js";
import { detectInputFormat } from "../../src/listing/detect.js";

function rules(text: string, options: LintOptions = {}): string[] {
  return printRuleset(lintText(text, options).ruleset, { counters: false })
    .split("\n")
    .filter((l) => l.startsWith("-A") || l.startsWith("*") || l.startsWith(":"));
}

function codes(text: string, options: LintOptions = {}): string[] {
  return lintText(text, options).findings.map((f) => `${f.span.start.line}:${f.span.start.column} ${f.code}`);
}

const NVX_FILTER = `Chain INPUT (policy DROP 1234567 packets, 987654321 bytes)
    pkts      bytes target     prot opt in     out     source               destination         
  123456 98765432 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0           
       0        0 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED
       0        0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:22

Chain FORWARD (policy DROP 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination         
       0        0 DOCKER     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0           
       0        0 ACCEPT     0    --  *      docker0  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED
       0        0 ACCEPT     0    --  docker0 !docker0  0.0.0.0/0            0.0.0.0/0           

Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination         

Chain DOCKER (1 references)
    pkts      bytes target     prot opt in     out     source               destination         
       0        0 ACCEPT     6    --  !docker0 docker0  0.0.0.0/0            172.17.0.2           tcp dpt:80
`;

const NAT_LINE_NUMBERS = `Chain PREROUTING (policy ACCEPT)
num  target     prot opt source               destination         
1    DOCKER     0    --  0.0.0.0/0            0.0.0.0/0            ADDRTYPE match dst-type LOCAL

Chain INPUT (policy ACCEPT)
num  target     prot opt source               destination         

Chain OUTPUT (policy ACCEPT)
num  target     prot opt source               destination         
1    DOCKER     0    --  0.0.0.0/0           !127.0.0.0/8          ADDRTYPE match dst-type LOCAL

Chain POSTROUTING (policy ACCEPT)
num  target     prot opt source               destination         
1    MASQUERADE  0    --  172.17.0.0/16        0.0.0.0/0           

Chain DOCKER (2 references)
num  target     prot opt source               destination         
1    DNAT       6    --  0.0.0.0/0            0.0.0.0/0            tcp dpt:8081 to:172.17.0.9:8080
`;

describe("format detection", () => {
  it("tells a listing from iptables-save and iptables -S", () => {
    expect(detectInputFormat(NVX_FILTER)).toBe("list");
    expect(detectInputFormat("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n")).toBe("save");
    expect(detectInputFormat("-P INPUT ACCEPT\n-A INPUT -j ACCEPT\n")).toBe("S");
    expect(detectInputFormat("some prose\n    Chain DOCKER (0 references)\n")).toBe("list");
  });

  it("--input-format wins over detection", () => {
    const r = lintText("-P INPUT ACCEPT\n", { inputFormat: "list" });
    expect(r.dump.format).toBe("list");
    expect(r.findings.map((f) => f.code)).toContain("IPT042");
    expect(lintText(NVX_FILTER, { inputFormat: "S" }).dump.format).not.toBe("list");
  });
});

describe("the columns", () => {
  it("-n -v -x: interfaces, negations, counters and the rule text", () => {
    expect(rules(NVX_FILTER)).toEqual([
      "*filter",
      ":INPUT DROP [0:0]",
      ":FORWARD DROP [0:0]",
      ":OUTPUT ACCEPT [0:0]",
      ":DOCKER - [0:0]",
      "-A INPUT -i lo -j ACCEPT",
      "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
      "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
      "-A FORWARD -o docker0 -j DOCKER",
      "-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
      "-A FORWARD -i docker0 ! -o docker0 -j ACCEPT",
      "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
    ]);
    // exact counters (-x) of a policy are kept as iptables-save keeps them
    expect(printRuleset(lintText(NVX_FILTER).ruleset)).toContain(":INPUT DROP [1234567:987654321]");
  });

  it("puts every word on the listing text it stands for", () => {
    const r = lintText(NVX_FILTER);
    const rule = r.ruleset.tables.get("filter")?.chains.get("DOCKER")?.rules[0];
    const line = NVX_FILTER.split("\n")[17] as string;
    const at = (text: string) => rule?.command.rule.clauses.find((c) => c.name === text);
    const slice = (name: string) => {
      const s = at(name)?.span;
      return s ? line.slice(s.start.column - 1, s.end.column - 1) : undefined;
    };
    expect(rule?.command.line).toBe(18);
    expect(slice("destination")).toBe("172.17.0.2");
    expect(slice("in-interface")).toBe("!docker0");
    expect(slice("dport")).toBe("dpt:80");
  });

  it("--line-numbers, no -v: the numbers are not rules; nat is told by its chains", () => {
    expect(rules(NAT_LINE_NUMBERS)).toEqual([
      "*nat",
      ":PREROUTING ACCEPT [0:0]",
      ":INPUT ACCEPT [0:0]",
      ":OUTPUT ACCEPT [0:0]",
      ":POSTROUTING ACCEPT [0:0]",
      ":DOCKER - [0:0]",
      "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
      "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
      "-A POSTROUTING -s 172.17.0.0/16 -j MASQUERADE",
      "-A DOCKER -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.17.0.9:8080",
    ]);
    const found = lintText(NAT_LINE_NUMBERS).findings;
    expect(found.filter((f) => f.code === "IPT040")).toHaveLength(1);
    expect(found.find((f) => f.code === "IPT024")?.message).toContain("taken as table nat (its chains PREROUTING, INPUT, OUTPUT, POSTROUTING are the built-in chains of nat)");
  });

  it("-v without -x: counters with K and M are read, not kept", () => {
    const text = `Chain INPUT (policy ACCEPT 1235K packets, 988M bytes)
 pkts bytes target     prot opt in     out     source               destination         
  12K 9876K ACCEPT     all  --  lo     any     anywhere             anywhere            
`;
    expect(rules(text, { table: "filter" })).toContain("-A INPUT -i lo -j ACCEPT");
    expect(printRuleset(lintText(text).ruleset)).toContain(":INPUT ACCEPT [0:0]");
  });

  it("a rule without a target leaves the target column blank", () => {
    const text = `Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination         
       0        0            0    --  *      *       10.0.0.0/255.0.255.0  0.0.0.0/0           
       0        0           !6    --  *      *       0.0.0.0/0            0.0.0.0/0           
       0        0            200  --  *      *       0.0.0.0/0            0.0.0.0/0           
       0        0 DROP       0    -f  *      *       0.0.0.0/0            0.0.0.0/0           
       0        0 DROP       0    !f  *      *       0.0.0.0/0            0.0.0.0/0           
`;
    expect(rules(text).filter((l) => l.startsWith("-A"))).toEqual(["-A INPUT -s 10.0.0.0/255.0.255.0", "-A INPUT ! -p tcp", "-A INPUT -p 200", "-A INPUT -f -j DROP", "-A INPUT ! -f -j DROP"]);
  });

  it("ip6tables before 1.8 printed no opt: a blank target is found by its column", () => {
    const text = `Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 ACCEPT     all      lo     *       ::/0                 ::/0                
    0     0            tcp      *      *       ::/0                 ::/0                 tcp dpt:22
`;
    const r = lintText(text, { table: "filter" });
    expect(r.dump.family).toBe("ipv6");
    expect(rules(text, { table: "filter" }).filter((l) => l.startsWith("-A"))).toEqual(["-A INPUT -i lo -j ACCEPT", "-A INPUT -p tcp -m tcp --dport 22"]);
  });

  it("[goto] is -g", () => {
    const text = `Chain INPUT (policy ACCEPT)
target     prot opt source               destination         
DOCKER2    all  --  anywhere             anywhere            [goto]  state NEW

Chain DOCKER2 (1 references)
target     prot opt source               destination         
`;
    expect(rules(text, { table: "filter" })).toContain("-A INPUT -m state --state NEW -g DOCKER2");
  });
});

describe("several tables in one paste", () => {
  it("without the commands: each listing's table from its built-in chains, each guess reported", () => {
    const raw = `Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination         
       0        0 CT         17   --  *      *       0.0.0.0/0            0.0.0.0/0            udp dpt:53 NOTRACK

Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination         
`;
    const r = lintText(`${NVX_FILTER}\n${NAT_LINE_NUMBERS}\n${raw}`);
    expect([...r.ruleset.tables.keys()]).toEqual(["filter", "nat", "raw"]);
    expect(r.dump.format).toBe("list");
    expect(r.findings.filter((f) => f.code === "IPT024").map((f) => f.span.start.line)).toEqual([1, 20, 39]);
    expect(printRuleset(r.ruleset)).toContain("-A PREROUTING -p udp -m udp --dport 53 -j NOTRACK");
  });

  it("with the commands pasted: their -t names the table, and ip6tables the family", () => {
    const text = `$ sudo iptables -L -n -v\n${NVX_FILTER}\nroot@host:~# iptables -t nat -nL --line-numbers\n${NAT_LINE_NUMBERS}`;
    const r = lintText(text);
    expect([...r.ruleset.tables.keys()]).toEqual(["filter", "nat"]);
    expect(r.findings.filter((f) => f.code === "IPT024")).toEqual([]);
    const v6 = lintText(`# ip6tables -L -n\nChain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \nACCEPT     all  --  anywhere             anywhere            \n`);
    expect(v6.dump.family).toBe("ipv6");
    expect(v6.dump.familySource).toContain("ip6tables command line");
  });

  it("security after filter has the same chains: it is the second table", () => {
    const empty = "Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain FORWARD (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain OUTPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n";
    const r = lintText(`${empty}\n${empty}`);
    expect([...r.ruleset.tables.keys()]).toEqual(["filter", "security"]);
  });

  it("a listing of one chain is a fragment", () => {
    const text = `Chain DOCKER-USER (1 references)
 pkts bytes target     prot opt in     out     source               destination         
    0     0 DROP       6    --  eth0   *      !198.51.100.0/24      0.0.0.0/0            ctorigdstport 8080 ctdir ORIGINAL
    0     0 RETURN     0    --  *      *       0.0.0.0/0            0.0.0.0/0           
`;
    const r = lintText(text);
    expect(r.dump.format).toBe("fragment");
    expect(r.findings.map((f) => f.code)).toContain("IPT023");
    expect(rules(text)).toContain("-A DOCKER-USER ! -s 198.51.100.0/24 -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP");
  });
});

describe("names without -n", () => {
  const PLAIN = `Chain INPUT (policy DROP)
target     prot opt source               destination         
ACCEPT     all  --  localhost            anywhere            
ACCEPT     tcp  --  anywhere             anywhere             tcp dpt:ssh
ACCEPT     udp  --  link-local/16        anywhere             udp spt:domain dpts:1024:65535
ACCEPT     all  --  loopback/8           anywhere            
ACCEPT     icmp --  anywhere             anywhere             icmp echo-request
ACCEPT     tcp  --  anywhere             anywhere             multiport dports http,https
ACCEPT     tcp  --  db1.example.org      anywhere             tcp dpt:postgresql

Chain FORWARD (policy DROP)
target     prot opt source               destination         

Chain OUTPUT (policy ACCEPT)
target     prot opt source               destination         
`;

  it("maps anywhere, localhost, netbase's networks, services and protocols back", () => {
    expect(rules(PLAIN).filter((l) => l.startsWith("-A"))).toEqual([
      "-A INPUT -s 127.0.0.1/32 -j ACCEPT",
      "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
      "-A INPUT -s 169.254.0.0/16 -p udp -m udp --sport 53 --dport 1024:65535 -j ACCEPT",
      "-A INPUT -s 127.0.0.0/8 -j ACCEPT",
      "-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT",
      "-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT",
      "-A INPUT -s db1.example.org -p tcp -m tcp --dport 5432 -j ACCEPT",
    ]);
  });

  it("reports a host name it cannot map back, once, on its row, and lowers the confidence of findings there", () => {
    const r = lintText(PLAIN);
    const lost = r.findings.filter((f) => f.code === "IPT041");
    expect(lost.map((f) => [f.span.start.line, f.span.start.column, f.severity])).toEqual([[9, 21, "info"]]);
    expect(lost[0]?.message).toContain("host name `db1.example.org'");
    // a listing is no dump that needs DNS at load time
    expect(r.findings.map((f) => f.code)).not.toContain("IPT106");
    const shadowed = lintText(PLAIN.replace("tcp dpt:ssh\n", "tcp dpt:ssh\nACCEPT     tcp  --  db1.example.org      anywhere             tcp dpt:ssh\n"));
    const onRow = shadowed.findings.find((f) => f.span.start.line === 5 && f.code === "IPT111");
    expect(onRow?.confidence?.reason).toContain("the listing has no interface columns (run iptables -L -v); line 5 of the listing shows host name `db1.example.org' instead of what the rule holds");
  });

  it("leaves out a rule whose service name netbase does not know, and says so there", () => {
    const text = PLAIN.replace("tcp dpt:ssh", "tcp dpt:my-local-svc");
    const r = lintText(text);
    const f = r.findings.find((x) => x.code === "IPT041" && x.severity === "warning");
    expect([f?.severity, f?.span.start.line, f?.message]).toEqual(["warning", 4, "the listing shows service name `my-local-svc' (tcp) where the rule holds a number, and iptlint cannot tell which: the rule on line 4 is left out of the analysis"]);
    expect(rules(text)).not.toContain("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
    expect(rules(text)).toContain("-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT");
  });

  it("says once that there are no interfaces, and marks interface-dependent findings lower-confidence", () => {
    const text = `Chain PREROUTING (policy ACCEPT)
target     prot opt source               destination         
DOCKER     all  --  anywhere             anywhere             ADDRTYPE match dst-type LOCAL

Chain INPUT (policy ACCEPT)
target     prot opt source               destination         

Chain OUTPUT (policy ACCEPT)
target     prot opt source               destination         

Chain POSTROUTING (policy ACCEPT)
target     prot opt source               destination         
MASQUERADE  all  --  172.17.0.0/16        anywhere            

Chain DOCKER (1 references)
target     prot opt source               destination         
RETURN     all  --  anywhere             anywhere            
DNAT       tcp  --  anywhere             anywhere             tcp dpt:postgresql to:172.17.0.3:5432
`;
    const r = lintText(text);
    expect(r.findings.filter((f) => f.code === "IPT040").map((f) => f.span.start.line)).toEqual([2]);
    const published = r.findings.filter((f) => f.code.startsWith("IPT2"));
    expect(published.length).toBeGreaterThan(0);
    for (const f of published) {
      expect(f.confidence?.level).toBe("low");
      expect(f.confidence?.reason).toMatch(/^the listing has no interface columns \(run iptables -L -v\)/);
      // commands would name the rule without its interfaces: none are given
      expect(f.remediation?.now ?? []).toEqual([]);
    }
    // never an invented interface: the rule reads as it is shown
    expect(rules(text)).toContain("-A DOCKER -j RETURN");
  });
});

describe("extension text", () => {
  const one = (rest: string, target = "ACCEPT    ", prot = "0   ", family: "ipv4" | "ipv6" = "ipv4") => {
    const any = family === "ipv4" ? "0.0.0.0/0          " : "::/0               ";
    const text = `Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination         
       0        0 ${target} ${prot} --  *      *       ${any}  ${any}  ${rest}
`;
    return rules(text, { table: family === "ipv4" ? "filter" : "filter", family: { family, source: "option" } }).filter((l) => l.startsWith("-A"));
  };

  it("reads a comment that holds */ as long as the rest of the row reads", () => {
    expect(one("/* a */ b */ ctstate NEW")).toEqual(['-A INPUT -m comment --comment "a */ b" -m conntrack --ctstate NEW -j ACCEPT']);
  });

  it("reads LOG's prefix to the end of the row, quotes and all", () => {
    expect(one('limit: avg 3/min burst 10 LOG flags 0 level 4 prefix "[UFW "BLOCK"] "', "LOG       ")).toEqual([
      '-A INPUT -m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix "[UFW \\"BLOCK\\"] "',
    ]);
  });

  it("iptables 1.4 quoted LOG's prefix with a backquote", () => {
    expect(one("LOG flags 0 level 4 prefix `[UFW BLOCK] ' ", "LOG       ")).toEqual(['-A INPUT -j LOG --log-prefix "[UFW BLOCK] "']);
  });

  it("-j NOTRACK is CT with the notrack alias, printed NOTRACK", () => {
    expect(one("udp dpt:53 NOTRACK", "CT        ", "17  ")).toEqual(["-A INPUT -p udp -m udp --dport 53 -j NOTRACK"]);
  });

  it("keeps a target iptlint cannot read, and says its options are not read", () => {
    const text = `Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
    pkts      bytes target     prot opt in     out     source               destination         
       0        0 AUDIT      0    --  *      *       0.0.0.0/0            0.0.0.0/0            AUDIT accept
`;
    const r = lintText(text, { table: "filter" });
    expect(rules(text, { table: "filter" })).toContain("-A INPUT -j AUDIT");
    expect(r.findings.find((f) => f.code === "IPT041")?.message).toContain("the options of target AUDIT, which iptlint cannot read from a listing");
  });

  it("IPv6: icmp6 names, DNAT to a bracketed address", () => {
    expect(one("ipv6-icmptype 128", "ACCEPT    ", "58  ", "ipv6")).toEqual(["-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT"]);
  });
});

describe("what cannot be read", () => {
  it("a row that does not fit the columns: reported where it is, the other rows read", () => {
    const text = NVX_FILTER.replace("       0        0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:22", "       0        0 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:22 frobnicate 7");
    const r = lintText(text);
    const bad = r.findings.filter((f) => f.code === "IPT042");
    const column = (text.split("\n")[4] as string).indexOf("tcp dpt:22 frobnicate") + 1;
    expect(bad.map((f) => [f.span.start.line, f.span.start.column, f.severity])).toEqual([[5, column, "warning"]]);
    expect(bad[0]?.message).toBe("cannot read `tcp dpt:22 frobnicate 7' as the text of the rule's matches and its target ACCEPT; the rule is left out");
    expect(rules(text)).toContain("-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
    expect(rules(text)).not.toContain("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
  });

  it("a row with too few columns, and prose around the listing (one finding per run of lines)", () => {
    const text = `Here is my firewall:\nit does not work\n${NVX_FILTER.replace("  123456 98765432 ACCEPT     0    --  lo     *       0.0.0.0/0            0.0.0.0/0           ", "  123456 98765432 ACCEPT lo")}`;
    expect(codes(text).filter((c) => c.endsWith("IPT042"))).toEqual(["1:1 IPT042", "5:3 IPT042"]);
    expect(lintText(text).findings[0]?.message).toBe("lines 1–2 are not part of an iptables -L listing: they are left out");
  });

  it("CRLF line ends are read as LF", () => {
    expect(rules(NVX_FILTER.replace(/\n/g, "\r\n"))).toEqual(rules(NVX_FILTER));
  });

  it("iptables-nft's legacy-tables warning, pasted with 2>&1, still tells the backends are mixed", () => {
    const r = lintText(`${NVX_FILTER}# Warning: iptables-legacy tables present, use iptables-legacy to see them\n`);
    expect(r.findings.map((f) => f.code)).toContain("IPT212");
  });
});
