// Child process: times the stages of src/lint.ts's lintText on one dump, in-process, and
// prints them as JSON. Usage: node phases.mjs BUNDLE FILE
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [bundlePath, file] = process.argv.slice(2);
const lib = await import(pathToFileURL(bundlePath).href);

const phases = [];
let last = performance.now();
let lastCpu = process.cpuUsage();
function mark(name) {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  phases.push({ phase: name, seconds: (now - last) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, heapMB: process.memoryUsage().heapUsed / 2 ** 20, rssMB: process.memoryUsage().rss / 2 ** 20 });
  last = performance.now();
}

const bytes = readFileSync(file);
mark("read file");
const decoded = lib.decodeSource(bytes);
mark("decode");
const backendOpt = {};
const { dump, findings } = lib.buildDump(decoded.text, backendOpt);
mark("lex+parse+build (buildDump)");
const backend = dump.backend ?? "nft";
const model = lib.buildRuleset(dump, backend);
mark("model (buildRuleset)");
const lint = lib.runLintRules(lib.LINT_RULES, model.ruleset, dump);
mark("lint rules (runLintRules)");
const load = lib.loadChecks(model.ruleset, backend);
mark("load checks (loadChecks)");
const needs = lib.environmentNeeds(model.ruleset);
mark("environment needs (environmentNeeds)");
const all = lib.markCarriageReturns([...findings, ...model.findings, ...load, ...needs, ...lint], decoded.text);
all.sort(lib.compareFindings);
mark("merge+sort findings");
const report = lib.jsonReport(
  [{ path: file, findings: [...decoded.findings, ...all], source: new lib.SourceLines(decoded.text), summary: { format: dump.format, family: dump.family, familySource: dump.familySource, backend, tables: [...model.ruleset.tables.keys()], lines: dump.lineCount } }],
  "bench",
);
mark("JSON report");

process.stdout.write(JSON.stringify({ file, lines: dump.lineCount, findings: all.length, reportChars: report.length, phases }) + "\n");
