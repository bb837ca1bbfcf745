/**
 * One row of a target save test: a rule (the part after `-A CHAIN`), where it is loaded, and
 * the `-j NAME …` tail that `oracle canon` printed for it.
 */
import type { Family, TableName } from "../../../src/model/netfilter.js";
import { savedExtensions } from "../../helpers/save.js";

export interface TargetCase {
  readonly rule: string;
  readonly expected: string;
  readonly table?: TableName;
  readonly chain?: string;
  readonly family?: Family;
  /** Corpus file and line the rule was taken from. */
  readonly source?: string;
}

/** What the target's save function prints for the rule, as `-j NAME TEXT` (the last piece). */
export function savedTarget(c: TargetCase): string | undefined {
  const options = { table: c.table, chain: c.chain, family: c.family };
  return savedExtensions(c.rule, options).at(-1);
}
