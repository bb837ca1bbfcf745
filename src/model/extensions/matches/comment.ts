/**
 * `-m comment` (libxt_comment.c). Any text: the oracle accepts comments longer than
 * XT_MAX_COMMENT_LEN and silently truncates them to 255 bytes.
 */
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";

export const commentMatch: ExtensionSpec = {
  kind: "match",
  name: "comment",
  families: ["ipv4", "ipv6"],
  summary: "attach a comment to the rule",
  options: [{ name: "comment", arg: "required" }],
  finalCheck: mandatory("comment", "comment"),
};
