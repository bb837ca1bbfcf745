import { describe, expect, it } from "vitest";
import { explain, suggestCode } from "../../src/report/rules.js";

describe("explain", () => {
  it.each([
    ["a code", "IPT202"],
    ["a code in lower case", "ipt202"],
    ["a name", "published-on-all-interfaces"],
    ["a name in another case, as configs and directives accept it", "Published-On-All-Interfaces"],
    ["a name with spaces around it", "  published-on-all-interfaces "],
  ])("finds the entry by %s", (_how, key) => {
    expect(explain(key)?.split("\n")[0]).toBe("IPT202 published-on-all-interfaces (warning)");
  });

  it("knows nothing of a key that names no entry", () => {
    expect(explain("no-such-rule")).toBeUndefined();
  });
});

describe("suggestCode", () => {
  it("lists the entries whose code or name contains the key", () => {
    const found = suggestCode("IPT20");
    expect(found.every((s) => s.startsWith("IPT20"))).toBe(true);
    expect(found).toContain("IPT202 published-on-all-interfaces");
  });

  it("falls back to the nearest name for a typo no entry contains", () => {
    expect(suggestCode("publisehd-on-all-interfaces")).toEqual(["IPT202 published-on-all-interfaces"]);
  });

  it("suggests nothing for a key far from every entry", () => {
    expect(suggestCode("zzzzzzzz")).toEqual([]);
  });
});
