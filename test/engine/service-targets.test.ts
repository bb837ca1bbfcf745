import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint.js";
import { dockerView } from "../../src/docker/view.js";
import { exposureTargets } from "../../src/engine/exposure.js";
import { addr } from "./helpers.js";

const DUMP = `*filter
:INPUT DROP [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -p tcp -m multiport --dports 22,8000:8010 -j ACCEPT
-A INPUT -p 17 -m udp --dport 53 -j ACCEPT
-A INPUT -p tcp -m tcp ! --dport 25 -j ACCEPT
-A INPUT -p tcp -m multiport ! --dports 26 -j ACCEPT
-A INPUT -p tcp -m multiport --sports 27 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A INPUT -p icmp -j ACCEPT
COMMIT
`;

describe("service targets: the destination ports INPUT accepts", () => {
  it("reads --dport and multiport --dports as the matches do, once per port, never an inverted or source port", () => {
    const { ruleset, dump } = lintText(DUMP);
    const docker = dockerView(ruleset, dump);
    const external = addr("203.0.113.10");
    const targets = exposureTargets(ruleset, docker, external);
    expect(targets.map((t) => [t.kind, t.protocol, t.port, t.dport, t.line])).toEqual([
      ["service", "tcp", "22", 22, 5],
      ["service", "tcp", "8000:8010", 8000, 5],
      ["service", "udp", "53", 53, 6],
    ]);
  });
});
