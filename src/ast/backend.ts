/**
 * Some inputs are rejected by one iptables backend and accepted by the other (iptables 1.8.9,
 * checked with the oracle): legacy refuses a policy on a user chain and a chain declared
 * twice; nft refuses chain names that start with `-` or `!`. Such a finding is an error for
 * the backend the dump is meant for (from its header, or --backend; nft by default, as on
 * every current distribution) and a warning otherwise.
 */
import type { CheckId } from "../checks.js";
import { finding } from "../checks.js";
import type { Finding, Span } from "../findings.js";

import type { Backend } from "../model/extensions/targets/types.js";

export type { Backend };

export function backendFinding(
  id: CheckId,
  at: Span,
  message: string,
  rejectedBy: Backend,
  effective: Backend,
  help?: string,
): Finding {
  const other = rejectedBy === "nft" ? "iptables-legacy" : "iptables-nft";
  const text = `${message} (iptables-${rejectedBy}-restore rejects this; ${other}-restore accepts it)`;
  return finding(id, at, text, { severity: rejectedBy === effective ? "error" : "warning", ...(help ? { help } : {}) });
}
