/** Values of the state and conntrack matches (libxt_state.c, libxt_conntrack.c). */
import type { ValueCheck } from "../extensions/types.js";
import { caseInsensitiveChoice, prefixKeywordList } from "./keywords.js";

/** state_parse_state order; the first name an abbreviation fits wins ("N" is NEW). */
export const STATE_NAMES = ["INVALID", "ESTABLISHED", "NEW", "RELATED", "UNTRACKED"] as const;

/** conntrack_ps_state order: --ctstate also knows SNAT and DNAT. */
export const CTSTATE_NAMES = ["INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"] as const;

/** conntrack_ps_status order. */
export const CTSTATUS_NAMES = ["NONE", "EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED"] as const;

/** `-m state --state`: an empty last element has its own message (state_parse_states). */
export const stateList: ValueCheck = prefixKeywordList({
  names: STATE_NAMES,
  badElement: (rest) => `Bad state "${rest}"`,
  emptyLast: `"--state" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED`,
});

export const ctstateList: ValueCheck = prefixKeywordList({
  names: CTSTATE_NAMES,
  badElement: (rest) => `Bad ctstate "${rest}"`,
});

export const ctstatusList: ValueCheck = prefixKeywordList({
  names: CTSTATUS_NAMES,
  badElement: (rest) => `Bad ctstatus "${rest}"`,
});

/** `--ctdir ORIGINAL|REPLY`, strcasecmp of the whole word. */
export const ctdir: ValueCheck = caseInsensitiveChoice(
  ["ORIGINAL", "REPLY"],
  (text) => `conntrack: Bad value for "--ctdir" option: "${text}"`,
);
