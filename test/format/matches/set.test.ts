/**
 * `-m set` save. The oracle cannot load a set match (the ipset must exist in its empty
 * namespace), so these expectations are the forms real `iptables-save` printed on the hosts
 * the corpus dumps come from (docker/moby-v28 dumps, real/ dumps with whitelist sets), plus
 * forms derived from set_save_v4 in libxt_set.c.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";

const CASES: ReadonlyArray<readonly [string, string]> = [
  // as printed by iptables-save on Docker 28 hosts and in real/ dumps
  ["-m set --match-set docker-ext-bridges-v4 dst -j ACCEPT", "-m set --match-set docker-ext-bridges-v4 dst"],
  ["-m set --match-set whitelist src -j ACCEPT", "-m set --match-set whitelist src"],
  // set_save_v4: `!` before --match-set, the obsolete --set saved as --match-set
  ["-m set ! --match-set bad src,dst", "-m set ! --match-set bad src,dst"],
  ["-m set --set old dst", "-m set --match-set old dst"],
  // --update-counters is the default: only its inversion is printed
  ["-m set --match-set s src --update-counters", "-m set --match-set s src"],
  ["-m set --match-set s src ! --update-counters ! --update-subcounters", "-m set --match-set s src ! --update-counters ! --update-subcounters"],
  ["-m set --match-set s src --return-nomatch ! --packets-eq 5 --bytes-gt 0x10", "-m set --match-set s src --return-nomatch ! --packets-eq 5 --bytes-gt 16"],
];

describe("set save", () => {
  it.each(CASES)("%s", (rule, want) => {
    expect(savedExtensions(rule)).toContain(want);
  });
});
