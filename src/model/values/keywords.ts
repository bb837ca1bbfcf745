/**
 * Comma lists of keywords as the conntrack/state parsers read them (libxt_conntrack.c
 * conntrack_ps_states, libxt_state.c state_parse_states): each element is compared with
 * strncasecmp(element, NAME, strlen(element)), so any case-insensitive prefix of a name
 * matches ("N" is NEW, "ass" is ASSURED); an empty element is refused and the message
 * quotes the rest of the list from the bad element on ("Bad ctstate \"FOO,RELATED\"").
 */
import type { ValueCheck } from "../extensions/types.js";
import { bad, ok } from "./result.js";

/** The first name that `element` is a case-insensitive prefix of (glibc strncasecmp). */
export function prefixKeyword(element: string, names: readonly string[]): string | undefined {
  const lower = element.toLowerCase();
  return names.find((n) => n.toLowerCase().startsWith(lower));
}

export interface PrefixListOptions {
  readonly names: readonly string[];
  /** Message for an element that matches nothing; gets the rest of the list. */
  readonly badElement: (rest: string) => string;
  /** Message when the last element is empty; default: badElement(""). */
  readonly emptyLast?: string;
}

export function prefixKeywordList(opts: PrefixListOptions): ValueCheck {
  return (text) => {
    const found: string[] = [];
    let rest = text;
    for (;;) {
      const comma = rest.indexOf(",");
      const element = comma < 0 ? rest : rest.slice(0, comma);
      if (element === "" && comma < 0 && opts.emptyLast !== undefined) return bad(opts.emptyLast);
      const name = element === "" ? undefined : prefixKeyword(element, opts.names);
      if (name === undefined) return bad(opts.badElement(rest));
      found.push(name);
      if (comma < 0) return ok(found);
      rest = rest.slice(comma + 1);
    }
  };
}

/** One of a fixed set of words compared with strcasecmp (whole word, any case). */
export function caseInsensitiveChoice(names: readonly string[], message: (text: string) => string): ValueCheck {
  return (text) => {
    const name = names.find((n) => n.toLowerCase() === text.toLowerCase());
    return name === undefined ? bad(message(text)) : ok(name);
  };
}

/** One of a fixed set of words compared with strcmp (exact case). */
export function exactChoice(names: readonly string[], message: (text: string) => string): ValueCheck {
  return (text) => (names.includes(text) ? ok(text) : bad(message(text)));
}
