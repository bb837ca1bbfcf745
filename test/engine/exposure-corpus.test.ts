/**
 * `exposure` over every Docker reference dump of ../shared/corpus/docker. Expectations come
 * from the scenario in the file name (corpus/docker/SOURCES.md) and docker-firewall.md:
 *  - every published port of the Docker view is listed once, with its container target;
 *  - ports published on all addresses (nat, nat-unprotected, no masquerade, SNAT, swarm
 *    ingress) are reachable from every source outside, and from the host itself;
 *  - ports published on 127.0.0.1 (`-lo`, `bindlo`) are reachable from the host only: 28.0+
 *    drops 127.0.0.1 from other interfaces in raw PREROUTING, and IPv6 drops ::1 before any
 *    hook (ip6_rcv_core);
 *  - routed networks are reached at the container's own address, from everywhere;
 *  - the representative source of "everything" is an ordinary address (not ::1, which
 *    ip6_rcv_core would drop), so IPv6 dumps are judged like IPv4 ones;
 *  - internal networks and daemons without containers publish nothing.
 */
import { describe, expect, it } from "vitest";
import { exposure } from "../../src/engine/analysis.js";
import { dockerView } from "../../src/docker/view.js";
import { lintText } from "../../src/lint.js";
import { corpusFiles, hasCorpus, readCorpus } from "../helpers/corpus.js";

const files = hasCorpus ? corpusFiles("docker").filter((f) => f.endsWith(".save")) : [];

type Scenario = "loopback" | "routed" | "none" | "public";

function scenario(name: string): Scenario {
  if (/-lo\.save$|bindlo/.test(name)) return "loopback";
  if (/routed/.test(name)) return "routed";
  if (/internal|new-daemon|cleaned/.test(name)) return "none";
  return "public";
}

describe.skipIf(!hasCorpus)("exposure over the Docker reference dumps", () => {
  it("has the corpus", () => expect(files.length).toBeGreaterThan(40));

  it.each(files.map((f) => [f]))("%s", (file) => {
    const text = readCorpus(file);
    const result = lintText(text, file.includes(".v6.") ? { family: { family: "ipv6", source: "file name" } } : {});
    const view = dockerView(result.ruleset, result.dump);
    const report = exposure(result.ruleset, result.dump);
    const published = report.targets.filter((t) => t.target.kind === "published");
    const expected = scenario(file);
    if (expected === "none") {
      expect(published).toEqual([]);
      return;
    }
    expect(published.length).toBeGreaterThan(0);
    // One target per published port of the view, each naming the port's container.
    const viewTargets = view.ports.filter((p) => p.protocol !== "all" && (p.dnat || p.filterAccept)).map((p) => `${p.containerAddress}:${p.containerPort ?? p.hostPort}`);
    expect(published.map((t) => `${t.target.container?.address}:${t.target.container?.port ?? t.target.port}`).sort()).toEqual([...new Set(viewTargets)].sort());
    for (const t of published) {
      if (expected === "loopback") {
        expect(t.fromOutside.isEmpty(), `${t.target.hostAddress}:${t.target.port} from outside`).toBe(true);
        expect(t.fromHost).toBe(true);
      } else {
        expect(t.fromOutside.isAll(), `${t.target.hostAddress}:${t.target.port} from outside: ${t.fromOutside.describe()}`).toBe(true);
        // TestIptabler's routed golden passes a host port, so it has a DNAT (SOURCES.md); the daemon's routed layout has none.
        expect(t.target.routed ?? false).toBe(expected === "routed" && !t.target.published?.dnat);
      }
    }
  });
});
