import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "../../src/config/json-syntax.js";

describe("findJsonSyntaxError", () => {
  it.each([
    '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}}',
    "  [ ]  ",
    '"just a string"',
  ])("accepts valid JSON %s (as JSON.parse does)", (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it.each([
    ['{"a":}', 5, "unexpected '}', expected a value"],
    ['{"a": 1,}', 8, "trailing comma before '}' (JSON does not allow one)"],
    ["{a: 1}", 1, "expected a double-quoted property name, found 'a'"],
    ['{"a" 1}', 5, "expected ':' after the property name, found '1'"],
    ['{"a": 1', 7, "expected ',' or '}', found the end of the file"],
    ["[01]", 2, "expected ',' or ']', found '1'"],
    ['["a\tb"]', 3, "character U+0009 inside a string must be escaped"],
    ['["\\x"]', 2, "invalid escape \\x in a string"],
    ["[1] 2", 4, "unexpected text after the end of the JSON value"],
    ["", 0, "unexpected end of the file, expected a value"],
    ["// comment\n{}", 0, "unexpected '/', expected a value"],
  ])("finds the error in %j at offset %i", (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ offset, message });
  });
});

describe("findJsonSyntaxError against JSON.parse", () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  // Texts built from JSON's tokens and the near-misses around them: the scanner must call
  // valid exactly what JSON.parse accepts, or a config error would point at the wrong place.
  const piece = fc.constantFrom("{", "}", "[", "]", ",", ":", '"a"', '"', "1", "-", "0", ".5", "e3", "true", "nul", " ", "\n", "\\", "\\u00e9", "\t", "x");
  const tokens = fc.array(piece, { maxLength: 12 }).map((a) => a.join(""));

  it("calls a text valid exactly when JSON.parse accepts it", () => {
    fc.assert(
      fc.property(tokens, (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { numRuns: 3000, seed: 20240501 },
    );
  });

  it("accepts whatever JSON.stringify writes", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonSyntaxError(text)).toBeUndefined();
      }),
      { numRuns: 500, seed: 20240502 },
    );
  });
});
