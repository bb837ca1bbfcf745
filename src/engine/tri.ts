/**
 * Three-valued logic for matches the engine cannot always decide: a string match, a time
 * window, an ipset whose members the dump does not hold. "unknown" means the packet may or
 * may not match; the engine then follows both outcomes (issue 5, item 1).
 */
export type Tri = true | false | "unknown";

/** Kleene AND: false wins, then unknown. */
export function triAnd(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === "unknown" || b === "unknown") return "unknown";
  return true;
}

/** Kleene NOT: `!` in front of an undecidable match stays undecidable. */
export function triNot(a: Tri): Tri {
  return a === "unknown" ? "unknown" : !a;
}

/** Kleene OR. */
export function triOr(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === "unknown" || b === "unknown") return "unknown";
  return false;
}

/** Applies `!` when the option was inverted. */
export function triInvert(value: Tri, inverted: boolean): Tri {
  return inverted ? triNot(value) : value;
}
