/** Configuration files: discovery, parsing and validation, per-rule settings, declared intent. */
export { applyRuleConfig } from "./apply.js";
export { CONFIG_FILE_NAMES, discoverConfig, loadConfigFile, type ConfigFileAccess, type LoadedConfig } from "./discover.js";
export { intentAllows, type Exposure } from "./intent.js";
export { networkContains, parseNetwork, type Network } from "./network.js";
export { parseConfig, type ParsedConfig } from "./parse.js";
export { resolveRuleId, suggestRuleId, type RuleId } from "./rule-ids.js";
export type { ConfigProblem, Intent, IntentProtocol, IptlintConfig, PublicPort, RuleSetting } from "./types.js";
