/**
 * The configuration schema, checked by hand so that every problem names its key path and
 * points at the line where it was written. Paths inside the file (baseline) are relative
 * to the configuration file's directory, as ESLint and ruff read theirs.
 */
import { dirname, isAbsolute, join } from "node:path";
import { interfaceName } from "../model/values/iface.js";
import type { PortRange } from "../model/values/port.js";
import { nearest } from "../suggest.js";
import type { KeyPath } from "./document.js";
import { parseAddress, parseNetwork } from "./network.js";
import { resolveRuleId, unknownRuleMessage } from "./rule-ids.js";
import { INTENT_PROTOCOLS, RULE_SETTINGS, type Intent, type IntentProtocol, type IptlintConfig, type PublicPort, type RuleSetting } from "./types.js";
import { checkKeys, isRecord, Problems, stringList, typeName } from "./validate.js";

const TOP_KEYS = ["rules", "routedSubnets", "trustedSources", "externalInterfaces", "intent", "baseline"];
const INTENT_KEYS = ["public"];
const PUBLIC_PORT_KEYS = ["port", "protocol", "from", "host", "description"];

/** The configuration in `value`, or undefined when anything in it is wrong. */
export function configFromValue(value: unknown, configPath: string, problems: Problems): IptlintConfig | undefined {
  if (!isRecord(value)) {
    problems.add([], `the configuration must be an object (a mapping of keys), got ${typeName(value)}`);
    return undefined;
  }
  checkKeys(value, TOP_KEYS, [], problems);
  const networks = (key: string) => (value[key] === undefined ? [] : stringList(value[key], [key], problems, networkProblem));
  const config: IptlintConfig = {
    rules: value.rules === undefined ? {} : ruleSettings(value.rules, problems),
    routedSubnets: networks("routedSubnets"),
    trustedSources: networks("trustedSources"),
    externalInterfaces: value.externalInterfaces === undefined ? [] : stringList(value.externalInterfaces, ["externalInterfaces"], problems, interfaceProblem),
    ...(value.intent !== undefined ? { intent: intent(value.intent, problems) } : {}),
    ...(value.baseline !== undefined ? baseline(value.baseline, configPath, problems) : {}),
  };
  return problems.list.length ? undefined : config;
}

function networkProblem(text: string): string | undefined {
  const r = parseNetwork(text);
  return r.ok ? undefined : `${r.message}; expected an IPv4 or IPv6 address or CIDR network such as 192.0.2.0/24 or 2001:db8::/32`;
}

function interfaceProblem(text: string): string | undefined {
  const r = interfaceName(text, { family: "ipv4" });
  return r.ok ? undefined : r.message;
}

function ruleSettings(value: unknown, problems: Problems): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!isRecord(value)) {
    problems.add(["rules"], `expected an object of rule code or name to ${RULE_SETTINGS.map((s) => `"${s}"`).join(" | ")}, got ${typeName(value)}`);
    return out;
  }
  const writtenAs = new Map<string, string>();
  for (const [key, setting] of Object.entries(value)) {
    const rule = resolveRuleId(key);
    if (!rule) {
      problems.add(["rules", key], unknownRuleMessage(key), "key");
      continue;
    }
    const earlier = writtenAs.get(rule.code);
    if (earlier !== undefined) problems.add(["rules", key], `${rule.code} (${rule.name}) is already set as "${earlier}"`, "key");
    writtenAs.set(rule.code, key);
    if (typeof setting === "string" && (RULE_SETTINGS as readonly string[]).includes(setting)) {
      out[rule.code] = setting as RuleSetting;
    } else {
      const guess = typeof setting === "string" ? settingGuess(setting) : undefined;
      problems.add(["rules", key], `expected ${RULE_SETTINGS.map((s) => `"${s}"`).join(", ")}, got ${typeof setting === "string" ? `"${setting}"` : typeName(setting)}${guess ? `; did you mean "${guess}"?` : ""}`);
    }
  }
  return out;
}

/** "warn" → "warning", "err" → "error", "disabled" → "off": prefixes and common synonyms first. */
function settingGuess(written: string): RuleSetting | undefined {
  const word = written.trim().toLowerCase();
  const synonyms: Record<string, RuleSetting> = { disable: "off", disabled: "off", false: "off", none: "off", enable: "on", enabled: "on", true: "on", warn: "warning", err: "error" };
  return synonyms[word] ?? RULE_SETTINGS.find((s) => word.length > 1 && s.startsWith(word)) ?? (nearest(word, RULE_SETTINGS, 2) as RuleSetting | undefined);
}

function intent(value: unknown, problems: Problems): Intent {
  if (!isRecord(value)) {
    problems.add(["intent"], `expected an object with a "public" list, got ${typeName(value)}`);
    return { public: [] };
  }
  checkKeys(value, INTENT_KEYS, ["intent"], problems);
  if (value.public === undefined) return { public: [] };
  if (!Array.isArray(value.public)) {
    problems.add(["intent", "public"], `expected a list of ports, got ${typeName(value.public)}`);
    return { public: [] };
  }
  return { public: value.public.flatMap((entry, i) => publicPort(entry, ["intent", "public", i], problems) ?? []) };
}

function publicPort(value: unknown, path: KeyPath, problems: Problems): PublicPort | undefined {
  if (!isRecord(value)) {
    problems.add(path, `expected an object such as { port: 443, protocol: tcp }, got ${typeName(value)}`);
    return undefined;
  }
  checkKeys(value, PUBLIC_PORT_KEYS, path, problems);
  if (value.port === undefined) {
    problems.add([...path, "port"], "missing (required)");
    return undefined;
  }
  const port = portRange(value.port, [...path, "port"], problems);
  const protocol = protocolOf(value.protocol, [...path, "protocol"], problems);
  const from = value.from === undefined ? [] : stringList(value.from, [...path, "from"], problems, networkProblem);
  const host = optionalString(value.host, [...path, "host"], problems, (t) => (parseAddress(t).ok ? undefined : `"${t}" is not an IPv4 or IPv6 address`));
  const description = optionalString(value.description, [...path, "description"], problems, () => undefined);
  if (!port || !protocol) return undefined;
  return { port, protocol, from, ...(host !== undefined ? { host } : {}), ...(description !== undefined ? { description } : {}) };
}

const PORT_EXPECTED = `expected a port number 1-65535 or a range "N-M"`;

function portRange(value: unknown, path: KeyPath, problems: Problems): PortRange | undefined {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 1 && value <= 65535) return { from: value, to: value };
    problems.add(path, `${PORT_EXPECTED}, got ${value}`);
    return undefined;
  }
  const m = typeof value === "string" ? /^([1-9][0-9]{0,4})-([1-9][0-9]{0,4})$/.exec(value) : null;
  const [from, to] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (from <= to && to <= 65535) return { from, to };
  problems.add(path, `${PORT_EXPECTED} with N <= M, got ${typeof value === "string" ? `"${value}"` : typeName(value)}`);
  return undefined;
}

function protocolOf(value: unknown, path: KeyPath, problems: Problems): IntentProtocol | undefined {
  if (value === undefined) return "tcp";
  if (typeof value === "string" && (INTENT_PROTOCOLS as readonly string[]).includes(value.toLowerCase())) return value.toLowerCase() as IntentProtocol;
  problems.add(path, `expected one of ${INTENT_PROTOCOLS.join(", ")}, got ${typeof value === "string" ? `"${value}"` : typeName(value)}`);
  return undefined;
}

function optionalString(value: unknown, path: KeyPath, problems: Problems, check: (text: string) => string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    problems.add(path, `expected a string, got ${typeName(value)}`);
    return undefined;
  }
  const message = check(value);
  if (message) problems.add(path, message);
  return message ? undefined : value;
}

function baseline(value: unknown, configPath: string, problems: Problems): { baseline?: string } {
  if (typeof value !== "string" || value.trim() === "") {
    problems.add(["baseline"], `expected the path of a baseline file, got ${typeof value === "string" ? "an empty string" : typeName(value)}`);
    return {};
  }
  return { baseline: isAbsolute(value) ? value : join(dirname(configPath), value) };
}
