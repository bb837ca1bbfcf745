/**
 * `-m time` save: every expectation below was copied from `/work/shared/tools/oracle canon`
 * (iptables 1.8.9, nft backend), either for the probe rule itself or for the corpus dump named.
 */
import { describe, expect, it } from "vitest";
import { savedExtensions } from "../../helpers/save.js";
import type { Family, TableName } from "../../../src/model/netfilter.js";

type Where = { table?: TableName; chain?: string; family?: Family };

/** [rule, where, the oracle's `-m …` segments of the canonical rule] */
const PROBES: ReadonlyArray<readonly [string, Where, readonly string[]]> = [
  ["-m time --timestart 06:59 --timestop 23:59 --weekdays Sun,Mon,Tue,Wed,Thu,Fri,Sat", {}, ["-m time --timestart 06:59:00 --timestop 23:59:00 --datestop 2038-01-19T03:14:07"]],
  ["-m time --timestart 6:5:3 --timestop 23:59:59 --weekdays 1,3 --monthdays 31,1 --datestart 2020-01-02 --datestop 2030-12-31T10:11:12 --kerneltz", {}, ["-m time --timestart 06:05:03 --timestop 23:59:59 --monthdays 1,31 --weekdays Mon,Wed --datestart 2020-01-02T00:00:00 --datestop 2030-12-31T10:11:12 --kerneltz"]],
  ["-m time --timestart 23:00 --timestop 01:00 --contiguous ! --weekdays Mon ! --monthdays 2", {}, ["-m time --timestart 23:00:00 --timestop 01:00:00 --monthdays 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31 --weekdays Tue,Wed,Thu,Fri,Sat,Sun --datestop 2038-01-19T03:14:07 --contiguous"]],
  ["-m time --utc --datestart 2020", {}, ["-m time --datestart 2020-01-01T00:00:00 --datestop 2038-01-19T03:14:07"]],
  ["-m time --weekdays 8", {}, ["-m time --weekdays  --datestop 2038-01-19T03:14:07"]],
  ["-m time --weekdays 0x3", {}, ["-m time --weekdays Wed --datestop 2038-01-19T03:14:07"]],
  ["-m time --localtz --timestart 00:00", {}, ["-m time --datestop 2038-01-19T03:14:07 --kerneltz"]],
  ["-m time --weekdays Monday", {}, ["-m time --weekdays Mon --datestop 2038-01-19T03:14:07"]],
  ["-m time --monthdays 1,2 --weekdays 7", {}, ["-m time --monthdays 1,2 --weekdays Sun --datestop 2038-01-19T03:14:07"]],
  ["-m time --datestart 1970-01-01 --datestop 2000-02-29T23:59:59", {}, ["-m time --datestop 2000-02-29T23:59:59"]],
];

describe("time save", () => {
  it.each(PROBES)("%s", (rule, where, want) => {
    expect(savedExtensions(rule, where).filter((p) => p.startsWith("-m "))).toEqual(want);
  });
});
