/**
 * `-m string` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m string --string X-Kazaa-User --algo bm", {}, ["-m string --string \"X-Kazaa-User\" --algo bm"]],
  ["-m string ! --string \"a b\" --algo kmp --from 10 --to 100 --icase", {}, ["-m string ! --string \"a b\" --algo kmp --from 10 --to 100 --icase"]],
  ["-m string --hex-string \"|41 42|c\" --algo bm", {}, ["-m string --string \"ABc\" --algo bm"]],
  ["-m string --string \"a|b\" --algo bm", {}, ["-m string --string \"a|b\" --algo bm"]],
  ["-m string --string \"a\\\"b\" --algo bm", {}, ["-m string --string \"a\\\"b\" --algo bm"]],
  ["-m string --hex-string \"|00|a|0d0a|\" --algo bm --to 65535", {}, ["-m string --hex-string \"|00610d0a|\" --algo bm"]],
  ["-m string --string \"\\\\\" --algo bm", {}, ["-m string --hex-string \"|5c|\" --algo bm"]],
];

describe("string save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
