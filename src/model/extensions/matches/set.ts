/**
 * `-m set` revision 4 (libxt_set.c, an old-style parser). The set must exist in the
 * kernel ("Set X doesn't exist."): that is the host's state, not the dump's, so it is
 * not checked here.
 */
import { uint } from "../../values/number.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { bang, decimal } from "./save-helpers.js";
import { given, has, words } from "../save-text.js";
import type { SaveContext } from "../types.js";

/** IPSET_DIM_MAX: a set has at most six dimensions. */
const IPSET_DIM_MAX = 6;

/**
 * parse_dirs (libxt_set.h): comma-separated flags, each starting with "src" or "dst"
 * (strncmp of 3 bytes, so "srcip" passes), at most IPSET_DIM_MAX of them.
 */
const directions: ValueCheck = (text) => {
  const flags = text.split(",");
  if (flags.slice(0, IPSET_DIM_MAX).some((f) => !f.startsWith("src") && !f.startsWith("dst"))) {
    return bad("You must spefify (the comma separated list of) 'src' or 'dst'.");
  }
  if (flags.length > IPSET_DIM_MAX) return bad(`Can't be more src/dst options than ${IPSET_DIM_MAX}.`);
  return ok(flags);
};

const counter = (name: string) => ({ name, arg: "required" as const, value: uint(0, Number.MAX_SAFE_INTEGER, "value") });

/** One of the eq/lt/gt counter options (only one per counter is kept by the kernel). */
function savedCounter(ctx: SaveContext, what: "packets" | "bytes"): string {
  const o = [...ctx.options].reverse().find((x) => x.name.startsWith(`${what}-`));
  return o ? `${bang(o)}--${o.name} ${decimal(o.values[0]!, Number.MAX_SAFE_INTEGER)}` : "";
}

/**
 * set_save_v4 (libxt_set.c), written from the source: the oracle cannot load a set match
 * without the ipset existing. The old `--set` is saved as --match-set; --update-counters and
 * --update-subcounters are printed only when inverted (the default is to update).
 */
function saveSet(ctx: SaveContext): string {
  const o = given(ctx, "match-set") ?? given(ctx, "set")!;
  const [name, dirs] = o.values;
  return words(
    `${bang(o)}--match-set ${name} ${dirs}`,
    has(ctx, "return-nomatch") && "--return-nomatch",
    given(ctx, "update-counters")?.inverted && "! --update-counters",
    given(ctx, "update-subcounters")?.inverted && "! --update-subcounters",
    savedCounter(ctx, "packets"),
    savedCounter(ctx, "bytes"),
  );
}

export const setMatch: ExtensionSpec = {
  kind: "match",
  name: "set",
  families: ["ipv4", "ipv6"],
  summary: "match against an ipset (NAME then src/dst flags)",
  options: [
    { name: "match-set", arg: "required", extraArgs: 1, invertible: true, extraValues: [directions] },
    // the obsolete `--set NAME FLAGS` spelling of --match-set
    { name: "set", arg: "required", extraArgs: 1, invertible: true, extraValues: [directions] },
    { name: "return-nomatch", arg: "none" },
    { name: "update-counters", arg: "none", invertible: true },
    { name: "update-subcounters", arg: "none", invertible: true },
    { ...counter("packets-eq"), invertible: true },
    counter("packets-lt"),
    counter("packets-gt"),
    { ...counter("bytes-eq"), invertible: true },
    counter("bytes-lt"),
    counter("bytes-gt"),
  ],
  finalCheck: (ctx) =>
    ctx.options.has("match-set") || ctx.options.has("set")
      ? undefined
      : "You must specify `--match-set' with proper arguments",
  save: saveSet,
};
