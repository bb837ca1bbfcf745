/** `-m sctp`, loaded by `-p sctp` (libxt_sctp.c old-style parser; kernel xt_sctp.c). */
import { portRangeFor } from "../../values/port.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";
import { bang, range } from "./save-helpers.js";
import { given, words } from "../save-text.js";
import type { GivenOption, SaveContext } from "../types.js";
import type { PortRange } from "../../values/port.js";

const CHUNK_TYPES = [
  "DATA", "INIT", "INIT_ACK", "SACK", "HEARTBEAT", "HEARTBEAT_ACK", "ABORT", "SHUTDOWN",
  "SHUTDOWN_ACK", "ERROR", "COOKIE_ECHO", "COOKIE_ACK", "ECN_ECNE", "ECN_CWR",
  "SHUTDOWN_COMPLETE", "ASCONF", "ASCONF_ACK", "FORWARD_TSN", "ALL", "NONE",
];

/** parse_sctp_chunks: the first word of `--chunk-types MATCHTYPE CHUNKS`. */
const chunkMatchType: ValueCheck = (text) =>
  ["all", "any", "only"].includes(text.toLowerCase())
    ? ok(text.toLowerCase())
    : bad(`Match type has to be one of "ALL", "ANY" or "ONLY"`);

/** `CHUNK[:FLAGS],...`, chunk names compared case-insensitively. */
const chunkList: ValueCheck = (text) => {
  for (const item of text.split(",")) {
    const name = item.split(":")[0] ?? "";
    if (!CHUNK_TYPES.includes(name.toUpperCase())) return bad(`Unknown sctp chunk \`${name}'`);
  }
  return ok(text);
};

/** sctp_chunk_names: name, chunk type and the flag letters of bits 7..0 ('-' = none). */
const CHUNKS: ReadonlyArray<readonly [string, number, string]> = [
  ["DATA", 0, "----IUBE"], ["INIT", 1, "--------"], ["INIT_ACK", 2, "--------"], ["SACK", 3, "--------"],
  ["HEARTBEAT", 4, "--------"], ["HEARTBEAT_ACK", 5, "--------"], ["ABORT", 6, "-------T"],
  ["SHUTDOWN", 7, "--------"], ["SHUTDOWN_ACK", 8, "--------"], ["ERROR", 9, "--------"],
  ["COOKIE_ECHO", 10, "--------"], ["COOKIE_ACK", 11, "--------"], ["ECN_ECNE", 12, "--------"],
  ["ECN_CWR", 13, "--------"], ["SHUTDOWN_COMPLETE", 14, "-------T"], ["ASCONF", 193, "--------"],
  ["ASCONF_ACK", 128, "--------"], ["FORWARD_TSN", 192, "--------"],
];

/** The chunk table for readers of `iptables -L` output, which shows chunk types by number with -n. */
export const SCTP_CHUNKS: ReadonlyArray<readonly [name: string, type: number, flags: string]> = CHUNKS;

/**
 * print_chunks: the match type in lower case, then ALL / NONE (only when given alone), else
 * the chunks by type number, each with `:FLAGS` in bit order (upper case = set).
 */
function saveChunks(o: GivenOption): string {
  const [matchType, list] = o.values as [string, string];
  const head = `${bang(o)}--chunk-types ${matchType.toLowerCase()}`;
  if (["ALL", "NONE"].includes(list.toUpperCase())) return `${head} ${list.toUpperCase()}`;
  const chosen = new Map<number, { mask: number; set: number }>();
  for (const item of list.split(",").filter((i) => i !== "")) {
    const [name, letters = ""] = item.split(":");
    const chunk = CHUNKS.find(([n]) => n === name!.toUpperCase())!;
    const flags = chosen.get(chunk[1]) ?? { mask: 0, set: 0 };
    for (const letter of letters) {
      const bit = 7 - chunk[2].indexOf(letter.toUpperCase());
      flags.mask |= 1 << bit;
      if (letter !== letter.toLowerCase()) flags.set |= 1 << bit;
    }
    chosen.set(chunk[1], flags);
  }
  const items = [...chosen.keys()].sort((a, b) => a - b).map((type) => {
    const [name, , valid] = CHUNKS.find(([, t]) => t === type)!;
    const { mask, set } = chosen.get(type)!;
    let letters = "";
    for (let bit = 7; bit >= 0; bit--) {
      if ((mask & (1 << bit)) === 0) continue;
      const letter = valid[7 - bit]!;
      letters += set & (1 << bit) ? letter : letter.toLowerCase();
    }
    return letters === "" ? name : `${name}:${letters}`;
  });
  return `${head} ${items.join(",")}`;
}

/** sctp_save: each given port option as `A` or `A:B` (even the full range), then the chunks. */
function saveSctp(ctx: SaveContext): string {
  const ports = (name: string) => {
    const o = given(ctx, name);
    if (o === undefined) return "";
    const r = portRangeFor("sctp")(o.values[0]!, { family: ctx.family });
    const p = (r.ok ? r.value : { from: 0, to: 65535 }) as PortRange;
    return `${bang(o)}--${name} ${range(p.from, p.to)}`;
  };
  const chunks = given(ctx, "chunk-types");
  return words(ports("sport"), ports("dport"), chunks && saveChunks(chunks));
}

export const sctpMatch: ExtensionSpec = {
  kind: "match",
  name: "sctp",
  families: ["ipv4", "ipv6"],
  summary: "match SCTP ports and chunk types",
  options: [
    { name: "sport", aliases: ["source-port"], arg: "required", invertible: true, value: portRangeFor("sctp") },
    { name: "dport", aliases: ["destination-port"], arg: "required", invertible: true, value: portRangeFor("sctp") },
    { name: "chunk-types", arg: "required", extraArgs: 1, invertible: true, value: chunkMatchType, extraValues: [chunkList] },
  ],
  requiresProtocol: ["sctp"],
  save: saveSctp,
};
