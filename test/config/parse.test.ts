import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";

const problemsOf = (text: string, path = "/repo/.iptlintrc.json") => parseConfig(text, path).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

const JSON_CONFIG = `{
  "rules": { "published-on-all-interfaces": "warning", "IPT206": "off", "ipt217": "on" },
  "routedSubnets": ["203.0.113.0/24"],
  "trustedSources": ["198.51.100.0/24", "2001:db8::/32", "192.0.2.7"],
  "externalInterfaces": ["eth0", "wg+"],
  "intent": {
    "public": [
      { "port": 443, "description": "web" },
      { "port": "60000-61000", "protocol": "udp", "from": ["0.0.0.0/0", "::/0"] },
      { "port": 5432, "from": ["10.8.0.0/16"], "host": "10.0.0.5" }
    ]
  },
  "baseline": "iptlint-baseline.json"
}
`;

const YAML_CONFIG = `# the same configuration in YAML
rules:
  published-on-all-interfaces: warning
  IPT206: "off"
  ipt217: on
routedSubnets: [203.0.113.0/24]
trustedSources:
  - 198.51.100.0/24
  - 2001:db8::/32
  - 192.0.2.7
externalInterfaces: [eth0, wg+]
intent:
  public:
    - port: 443
      description: web
    - { port: 60000-61000, protocol: udp, from: [0.0.0.0/0, "::/0"] }
    - port: 5432
      from: [10.8.0.0/16]
      host: 10.0.0.5
baseline: iptlint-baseline.json
`;

const EXPECTED = {
  rules: { IPT202: "warning", IPT206: "off", IPT217: "on" },
  routedSubnets: ["203.0.113.0/24"],
  trustedSources: ["198.51.100.0/24", "2001:db8::/32", "192.0.2.7"],
  externalInterfaces: ["eth0", "wg+"],
  intent: {
    public: [
      { port: { from: 443, to: 443 }, protocol: "tcp", from: [], description: "web" },
      { port: { from: 60000, to: 61000 }, protocol: "udp", from: ["0.0.0.0/0", "::/0"] },
      { port: { from: 5432, to: 5432 }, protocol: "tcp", from: ["10.8.0.0/16"], host: "10.0.0.5" },
    ],
  },
  baseline: "/repo/iptlint-baseline.json",
};

describe("parseConfig", () => {
  it("reads a JSON configuration, turning rule names into codes and resolving the baseline path", () => {
    expect(parseConfig(JSON_CONFIG, "/repo/.iptlintrc.json")).toEqual({ config: EXPECTED, problems: [] });
  });

  it.each([".iptlintrc.yaml", ".iptlintrc.yml"])("reads the same configuration from %s", (name) => {
    expect(parseConfig(YAML_CONFIG, `/repo/${name}`)).toEqual({ config: EXPECTED, problems: [] });
  });

  it("takes an empty YAML file (comments only) as an empty configuration", () => {
    expect(parseConfig("# nothing yet\n", "/r/.iptlintrc.yaml").config).toEqual({ rules: {}, routedSubnets: [], trustedSources: [], externalInterfaces: [] });
  });

  it("keeps an absolute baseline path", () => {
    expect(parseConfig('{"baseline": "/etc/iptlint/baseline.json"}', "/repo/iptlint.config.json").config?.baseline).toBe("/etc/iptlint/baseline.json");
  });

  it("reports JSON syntax errors at their line and column", () => {
    expect(problemsOf('{\n  "rules": {\n    "IPT202": "off",\n  }\n}\n')).toEqual(["4:3 JSON syntax error: trailing comma before '}' (JSON does not allow one)"]);
    expect(problemsOf('{\n  "rules": {"IPT202": "off"}\n  "routedSubnets": []\n}')).toEqual(["3:3 JSON syntax error: expected ',' or '}', found '\"'"]);
  });

  it("reports YAML syntax errors at their line and column", () => {
    expect(problemsOf("rules:\n  IPT202: off\n routedSubnets: []\n", "/r/.iptlintrc.yaml")).toEqual(["3:1 YAML syntax error: All mapping items must start at the same column"]);
  });

  it("reports a key given twice", () => {
    expect(problemsOf('{"rules": {}, "rules": {}}')).toEqual(["1:15 a key appears twice in the same object"]);
    expect(problemsOf("rules: {}\nrules: {}\n", "/r/.iptlintrc.yaml")).toEqual([expect.stringMatching(/^2:1 YAML syntax error: Map keys must be unique/)]);
  });

  it("reports unknown keys anywhere with the nearest known key", () => {
    expect(problemsOf('{\n  "routedSubnet": [],\n  "intent": { "public": [ { "port": 80, "protcol": "tcp" } ], "privat": [] }\n}')).toEqual([
      '2:3 routedSubnet: unknown key; did you mean "routedSubnets"? (known keys: rules, routedSubnets, trustedSources, externalInterfaces, intent, baseline)',
      '3:41 intent.public[0].protcol: unknown key; did you mean "protocol"? (known keys: port, protocol, from, host, description)',
      "3:63 intent.privat: unknown key (known keys: public)",
    ]);
  });

  it("reports unknown rules with the nearest valid code or name", () => {
    expect(problemsOf("rules:\n  publshed-on-all-interfaces: off\n  IPT2O2: warning\n  no-such-thing: off\n", "/r/.iptlintrc.yaml")).toEqual([
      '2:3 rules.publshed-on-all-interfaces: unknown rule "publshed-on-all-interfaces"; did you mean "published-on-all-interfaces"? (see iptlint rules)',
      '3:3 rules.IPT2O2: unknown rule "IPT2O2"; did you mean "IPT202"? (see iptlint rules)',
      '4:3 rules.no-such-thing: unknown rule "no-such-thing" (see iptlint rules)',
    ]);
  });

  it("reports bad rule settings and a rule set twice", () => {
    expect(problemsOf('{"rules": {"IPT202": "warn", "published-on-all-interfaces": "off", "IPT206": false}}')).toEqual([
      '1:22 rules.IPT202: expected "off", "on", "error", "warning", "info", got "warn"; did you mean "warning"?',
      '1:30 rules.published-on-all-interfaces: IPT202 (published-on-all-interfaces) is already set as "IPT202"',
      '1:78 rules.IPT206: expected "off", "on", "error", "warning", "info", got a boolean',
    ]);
  });

  it.each([
    ["a prefix too long", "10.0.0.0/33", '"10.0.0.0/33" has an invalid prefix length (0-32 for IPv4)'],
    ["host bits under the prefix", "10.1.2.3/8", '"10.1.2.3/8" has host bits set under /8; the network is 10.0.0.0/8'],
    ["an IPv6 network with host bits", "2001:db8::1/32", '"2001:db8::1/32" has host bits set under /32; the network is 2001:db8::/32'],
    ["a number out of range", "300.1.1.1", '"300.1.1.1" is not an IPv4 address (four decimal numbers 0-255)'],
    ["iptables' short form", "10/8", '"10" is not an IPv4 address (four decimal numbers 0-255)'],
    ["a broken IPv6 address", "2001:db8:::1", '"2001:db8:::1" is not an IPv6 address'],
  ])("rejects %s in a network list", (_name, cidr, message) => {
    expect(problemsOf(`{"trustedSources": ["192.0.2.0/24", "${cidr}"]}`)).toEqual([
      `1:37 trustedSources[1]: ${message}; expected an IPv4 or IPv6 address or CIDR network such as 192.0.2.0/24 or 2001:db8::/32`,
    ]);
  });

  it("rejects interface names iptables would refuse and values of the wrong type", () => {
    expect(problemsOf('{"externalInterfaces": ["eth0", "averyveryverylong0", ""], "routedSubnets": "10.0.0.0/8"}')).toEqual([
      "1:33 externalInterfaces[1]: interface name `averyveryverylong0' must be shorter than IFNAMSIZ (15)",
      "1:55 externalInterfaces[2]: Empty interface is likely to be undesired",
      "1:77 routedSubnets: expected a list of strings, got a string",
    ]);
  });

  it.each([
    ["a reversed range", '{"port": "90-80"}', '1:33 intent.public[0].port: expected a port number 1-65535 or a range "N-M" with N <= M, got "90-80"'],
    ["port 0", '{"port": 0}', "1:33 intent.public[0].port: expected a port number 1-65535 or a range \"N-M\", got 0"],
    ["a missing port", '{"protocol": "udp"}', "1:24 intent.public[0].port: missing (required)"],
    ["an unknown protocol", '{"port": 7, "protocol": "icmp"}', '1:48 intent.public[0].protocol: expected one of tcp, udp, sctp, got "icmp"'],
    ["a host that is a network", '{"port": 7, "host": "10.0.0.0/8"}', '1:44 intent.public[0].host: "10.0.0.0/8" is not an IPv4 or IPv6 address'],
  ])("rejects %s in intent.public", (_name, entry, message) => {
    expect(problemsOf(`{"intent": {"public": [${entry}]}}`)).toEqual([message]);
  });

  it("rejects a configuration that is not an object", () => {
    expect(problemsOf("[1, 2]")).toEqual(["1:1 the configuration must be an object (a mapping of keys), got an array"]);
  });
});
