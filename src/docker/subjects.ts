/**
 * Which containers and networks a finding is about, for the structured `docker` field of the
 * reports (--docker-inspect): whatever the Docker view ties to the rule the finding points at —
 * the published port whose DNAT, ACCEPT or hairpin rule it is, the container whose address it
 * names, the bridge it names. One lookup for every rule, so no rule has to say it.
 */
import type { DockerSubject } from "../findings.js";
import type { DockerView } from "./types.js";

function add(map: Map<number, DockerSubject[]>, line: number, subject: DockerSubject): void {
  const list = map.get(line) ?? [];
  const key = JSON.stringify(subject);
  if (!list.some((s) => JSON.stringify(s) === key)) list.push(subject);
  map.set(line, list);
}

/** Subjects by rule line, most specific first: ports, then container addresses, then bridges. */
export function subjectsByLine(view: DockerView): ReadonlyMap<number, readonly DockerSubject[]> {
  const map = new Map<number, DockerSubject[]>();
  for (const p of view.ports) {
    if (!p.owner && !p.network) continue;
    const subject: DockerSubject = {
      ...(p.owner ? { container: p.owner.name, ...(p.owner.image ? { image: p.owner.image } : {}) } : {}),
      ...((p.owner?.network ?? p.network?.name) ? { network: p.owner?.network ?? p.network?.name } : {}),
      ...(p.bridge ? { bridge: p.bridge } : {}),
      address: p.containerAddress,
    };
    for (const r of [p.dnat, p.filterAccept, p.hairpinMasquerade, ...p.rawDrops]) if (r) add(map, r.line, subject);
  }
  for (const b of view.bridges) {
    for (const e of b.endpoints) {
      if (!e.owner) continue;
      const subject: DockerSubject = { container: e.owner.name, ...(e.owner.image ? { image: e.owner.image } : {}), ...((e.owner.network ?? b.network?.name) ? { network: e.owner.network ?? b.network?.name } : {}), bridge: b.name, address: e.address };
      for (const r of e.rules) add(map, r.line, subject);
    }
  }
  for (const b of view.bridges) {
    if (!b.network) continue;
    for (const r of b.rules) {
      // A container of the bridge already says which network it is on.
      if ((map.get(r.line) ?? []).some((s) => s.bridge === b.name)) continue;
      add(map, r.line, { network: b.network.name, bridge: b.name });
    }
  }
  return map;
}
