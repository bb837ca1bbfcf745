/**
 * `-m length` (kernel xt_length.c): `(len >= min && len <= max) ^ invert`, where len is the
 * IPv4 total length, or the IPv6 payload length plus the 40-byte header — the whole IP
 * packet either way, which is what Packet.length holds.
 */
import { UINT16_MAX, x6UintRange } from "../../model/values/number.js";
import { cachedEvaluator, fieldInRange, firstValue, optionwise, type OptionCompiler } from "./compile.js";

const lengthRange = x6UintRange("length", "length", UINT16_MAX);

const lengthOption: OptionCompiler = (option, family) => {
  const r = lengthRange(firstValue(option) ?? "", { family });
  if (!r.ok) return undefined;
  const { from, to } = r.value as { from: bigint; to: bigint };
  return fieldInRange((p) => p.length, Number(from), Number(to));
};

export const lengthEvaluator = cachedEvaluator((extension, family) => optionwise({ length: lengthOption }, extension, family));
