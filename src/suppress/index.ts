/** Suppressions: directives in the dump, and baselines kept beside it. */
export { applyBaseline, type BaselineResult } from "./apply-baseline.js";
export { applySuppressions, type SuppressionResult } from "./apply.js";
export { BASELINE_VERSION, baselinePath, parseBaseline, writeBaseline, type Baseline, type BaselineEntry, type BaselineFile } from "./baseline.js";
export { settleFindings, type SettleInput, type Settled } from "./pipeline.js";
