/**
 * Walking many interface classes at once — a run of `-i <br> -j RETURN` returned as one
 * piece, classes split off one after the other walked as a batch (walk.ts, class-batch.ts) —
 * against walking each class alone: for every published port and service, each class must
 * reach the same sources. Docker's own layout batches; the variants put rules in the way that
 * treat one bridge differently (its own later rule, a rule of its own in the chain jumped to,
 * REDIRECT, a rule between the batch's rules that matches), where the batch must fall back to
 * walking class by class.
 */
import { describe, expect, it } from "vitest";
import { exposure, hostContext } from "../../src/engine/analysis.js";
import { dockerView } from "../../src/docker/view.js";
import { interfaceClasses } from "../../src/engine/interface-classes.js";
import { lintText } from "../../src/lint.js";

const BRIDGES = [
  ["docker0", "172.17"],
  ["br-aaaaaaaaaaaa", "172.18"],
  ["br-bbbbbbbbbbbb", "172.19"],
  ["br-cccccccccccc", "172.20"],
] as const;

interface Extra {
  readonly preroutingNat?: string[];
  readonly forward?: string[];
  readonly stage1Between?: string[];
  readonly stage1After?: string[];
  readonly stage2?: string[];
}

function dump(extra: Extra = {}): string {
  const nat = [
    "*nat",
    ":PREROUTING ACCEPT [0:0]",
    ":INPUT ACCEPT [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ":POSTROUTING ACCEPT [0:0]",
    ":DOCKER - [0:0]",
    "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
    ...(extra.preroutingNat ?? []),
    "-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
    ...BRIDGES.map(([br, net]) => `-A POSTROUTING -s ${net}.0.0/16 ! -o ${br} -j MASQUERADE`),
    ...BRIDGES.map(([br]) => `-A DOCKER -i ${br} -j RETURN`),
    "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
    "-A DOCKER -d 192.0.2.10/32 ! -i br-aaaaaaaaaaaa -p tcp -m tcp --dport 9000 -j DNAT --to-destination 172.18.0.2:9000",
    "COMMIT",
  ];
  const [first, ...rest] = BRIDGES.map(([br]) => `-A DOCKER-ISOLATION-STAGE-1 -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`);
  const filter = [
    "*filter",
    ":INPUT ACCEPT [0:0]",
    ":FORWARD DROP [0:0]",
    ":OUTPUT ACCEPT [0:0]",
    ":DOCKER - [0:0]",
    ":DOCKER-ISOLATION-STAGE-1 - [0:0]",
    ":DOCKER-ISOLATION-STAGE-2 - [0:0]",
    ":DOCKER-USER - [0:0]",
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
    "-A FORWARD -j DOCKER-USER",
    "-A FORWARD -j DOCKER-ISOLATION-STAGE-1",
    ...BRIDGES.flatMap(([br]) => [
      `-A FORWARD -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
      `-A FORWARD -o ${br} -j DOCKER`,
      `-A FORWARD -i ${br} ! -o ${br} -j ACCEPT`,
      `-A FORWARD -i ${br} -o ${br} -j ACCEPT`,
    ]),
    ...(extra.forward ?? []),
    "-A FORWARD -i br-dddddddddddd -o br-dddddddddddd -j ACCEPT",
    "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT",
    "-A DOCKER -d 172.18.0.2/32 ! -i br-aaaaaaaaaaaa -o br-aaaaaaaaaaaa -p tcp -m tcp --dport 9000 -j ACCEPT",
    // A port of a routed network: reached at the container's own address, so every class meets FORWARD.
    "-A DOCKER -d 172.19.0.5/32 ! -i br-bbbbbbbbbbbb -o br-bbbbbbbbbbbb -p tcp -m tcp --dport 5432 -j ACCEPT",
    first as string,
    ...(extra.stage1Between ?? []),
    ...rest,
    ...(extra.stage1After ?? []),
    "-A DOCKER-ISOLATION-STAGE-1 ! -s 172.21.0.0/16 -o br-dddddddddddd -j DROP",
    "-A DOCKER-ISOLATION-STAGE-1 ! -d 172.21.0.0/16 -i br-dddddddddddd -j DROP",
    "-A DOCKER-ISOLATION-STAGE-1 -j RETURN",
    ...BRIDGES.map(([br]) => `-A DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`),
    ...(extra.stage2 ?? []),
    "-A DOCKER-ISOLATION-STAGE-2 -j RETURN",
    "-A DOCKER-USER -j RETURN",
    "COMMIT",
  ];
  return [...nat, ...filter, ""].join("\n");
}

const VARIANTS: Readonly<Record<string, Extra>> = {
  "Docker's layout": {},
  "a bridge's own rule after its FORWARD accept": { forward: ["-A FORWARD -i br-bbbbbbbbbbbb -p tcp -m tcp --dport 5432 -j DROP"] },
  "a bridge's own rule later in the batch's chain": { stage1After: ["-A DOCKER-ISOLATION-STAGE-1 -i br-cccccccccccc -p tcp -m tcp --dport 9000 -j DROP"] },
  "a bridge's own rule in the chain the batch jumps to": { stage2: ["-A DOCKER-ISOLATION-STAGE-2 -i br-cccccccccccc -j DROP"] },
  "REDIRECT by input interface": { preroutingNat: ["-A PREROUTING -i br-cccccccccccc -p tcp -m tcp --dport 9000 -j REDIRECT --to-ports 22"] },
  "a matching rule between the batch's rules": { stage1Between: ["-A DOCKER-ISOLATION-STAGE-1 -p tcp -m tcp --dport 5432 -j DROP"] },
  "a wildcard -i rule": { forward: ["-A FORWARD -i br-+ -p tcp -m tcp --dport 80 -j DROP"] },
};

describe("walking interface classes together", () => {
  it.each(Object.entries(VARIANTS))("%s: every class reaches what it reaches alone", (_, extra) => {
    const { ruleset, dump: parsed, findings } = lintText(dump(extra), {});
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    const docker = dockerView(ruleset, parsed);
    const host = hostContext(ruleset, docker);
    const classes = interfaceClasses(ruleset, docker, host.externalInterface);
    expect(classes.length).toBeGreaterThan(5);
    const together = exposure(ruleset, parsed, { classes });
    expect(together.targets.some((t) => t.target.routed)).toBe(true);
    for (const cls of classes) {
      const alone = exposure(ruleset, parsed, { classes: [cls] });
      expect(alone.targets.length).toBe(together.targets.length);
      together.targets.forEach((t, i) => {
        const group = t.groups.find((g) => g.classNames.includes(cls.name));
        const own = alone.targets[i]?.groups[0];
        const where = `${t.target.protocol} ${t.target.hostAddress}:${t.target.port} via ${cls.name}`;
        expect(group, where).toBeDefined();
        expect(group?.reachable.describe(), where).toBe(own?.reachable.describe());
        expect(group?.conditional.describe(), where).toBe(own?.conditional.describe());
        if (group?.classNames[0] === cls.name) expect(group.blockedBy.map((b) => `${b.sources.describe()} ${b.decider?.chain}:${b.decider?.line ?? "policy"}`).sort(), where).toEqual(own?.blockedBy.map((b) => `${b.sources.describe()} ${b.decider?.chain}:${b.decider?.line ?? "policy"}`).sort());
      });
    }
  });
});
