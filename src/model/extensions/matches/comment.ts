/**
 * `-m comment` (libxt_comment.c). Any text: the oracle accepts comments longer than
 * XT_MAX_COMMENT_LEN and silently truncates them to 255 bytes.
 */
import type { ExtensionSpec } from "../types.js";
import { mandatory } from "./x6.js";
import { saveString } from "../../../format/save-string.js";
import { valueOf } from "../save-text.js";

/** XT_MAX_COMMENT_LEN 256 with the terminating NUL: the kernel keeps 255 bytes. */
function truncateComment(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return bytes.length <= 255 ? text : bytes.subarray(0, 255).toString("utf8");
}

export const commentMatch: ExtensionSpec = {
  kind: "match",
  name: "comment",
  families: ["ipv4", "ipv6"],
  summary: "attach a comment to the rule",
  options: [{ name: "comment", arg: "required" }],
  finalCheck: mandatory("comment", "comment"),
  // comment_save: xtables_save_string of the (possibly truncated) text
  save: (ctx) => `--comment ${saveString(truncateComment(valueOf(ctx, "comment") ?? ""))}`,
};
