import { describe, expect, it } from "vitest";
import { parseUint, strtoul, uint, x6Uint, x6UintRange } from "../../../src/model/values/number.js";

const ctx = { family: "ipv4" as const };

describe("strtoul", () => {
  it.each([
    ["0x10", 16n, 4],
    ["010", 8n, 3],
    ["09", 0n, 1],
    ["0x", 0n, 1],
    ["  +7z", 7n, 4],
    ["abc", 0n, 0],
  ])("%j -> %s (end %i)", (text, value, end) => {
    const r = strtoul(text);
    expect([r.value, r.end]).toEqual([value, end]);
  });
});

describe("parseUint (xtables_strtoul_base)", () => {
  it.each([
    ["0x10", 16],
    [" 5", 5],
    ["+8", 8],
    ["0", 0],
  ])("%j -> %i", (text, value) => {
    expect(parseUint(text, 0, 10000)).toBe(value);
  });
  it.each(["-0", "5x", "", "08", "10001", "99999999999999999999999"])("%j is refused", (text) => {
    expect(parseUint(text, 0, 10000)).toBeUndefined();
  });
});

describe("x6Uint / x6UintRange messages (oracle)", () => {
  it("limit --limit-burst 10001", () => {
    expect(x6Uint("limit", "limit-burst", 0, 10000)("10001", ctx)).toEqual({
      ok: false,
      message: 'limit: bad value for option "--limit-burst", or out of range (0-10000).',
    });
  });
  it("ttl --ttl-eq 256", () => {
    expect(x6Uint("ttl", "ttl-eq", 0, 255)("256", ctx).ok).toBe(false);
  });
  const length = x6UintRange("length", "length", 65535);
  it.each([
    ["0x10:010", { from: 16n, to: 8n }],
    [":5", { from: 0n, to: 5n }],
    ["5:", { from: 5n, to: 65535n }],
    ["", { from: 0n, to: 0n }],
  ])("length %j", (text, value) => {
    expect(length(text, ctx)).toEqual({ ok: true, value });
  });
  it.each([
    ["70000", 'length: bad value for option "--length" near "70000", or out of range (0-65535).'],
    ["x", 'length: bad value for option "--length" near "x", or out of range (0-65535).'],
    ["1:2:3", 'length: Too many components for option "--length" (max: 2)'],
  ])("length %j -> %s", (text, message) => {
    expect(length(text, ctx)).toEqual({ ok: false, message });
  });
  it("uint names the value", () => {
    expect(uint(0, 7, "level")("8", ctx)).toEqual({ ok: false, message: "invalid level `8' specified" });
  });
});
