/**
 * The Docker view of a ruleset, computed once. The lint rules ask for it (RuleContext.docker)
 * and so does the exposure analysis they share (engine/analysis.ts): on a host with thousands
 * of containers each view takes seconds. A view is plain data that nobody changes, and it
 * depends only on the ruleset, the dump it came from and Docker's names, so it is kept per
 * ruleset (weakly: it goes with the ruleset) and per names object.
 */
import type { Dump } from "../ast/nodes.js";
import type { Ruleset } from "../model/ruleset.js";
import type { DockerNames } from "./names.js";
import type { DockerView } from "./types.js";
import { dockerView } from "./view.js";

interface Cached {
  readonly dump: Dump;
  plain?: DockerView;
  readonly named: WeakMap<DockerNames, DockerView>;
}

const cache = new WeakMap<Ruleset, Cached>();

export function dockerViewOf(ruleset: Ruleset, dump: Dump, names?: DockerNames): DockerView {
  let entry = cache.get(ruleset);
  if (!entry || entry.dump !== dump) {
    entry = { dump, named: new WeakMap() };
    cache.set(ruleset, entry);
  }
  if (!names) return (entry.plain ??= dockerView(ruleset, dump));
  let view = entry.named.get(names);
  if (!view) {
    view = dockerView(ruleset, dump, names);
    entry.named.set(names, view);
  }
  return view;
}
