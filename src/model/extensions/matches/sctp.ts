/** `-m sctp`, loaded by `-p sctp` (libxt_sctp.c old-style parser; kernel xt_sctp.c). */
import { portRangeFor } from "../../values/port.js";
import { bad, ok } from "../../values/result.js";
import type { ExtensionSpec, ValueCheck } from "../types.js";

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
};
