import { readFileSync } from "node:fs";
import { buildDump } from "../../../src/ast/build.js";
import { buildRuleset } from "../../../src/model/ruleset.js";
import { runLintRule } from "../../../src/rules/define.js";
import shadowed from "../../../src/rules/rule-shadowed.js";
import redundant from "../../../src/rules/rule-redundant.js";
import unused from "../../../src/rules/chain-unused.js";
const text = readFileSync(process.argv[2]!, "utf8");
let t = performance.now();
const { dump } = buildDump(text, {});
const { ruleset } = buildRuleset(dump, "nft");
console.log("parse+model", (performance.now() - t).toFixed(0), "ms");
for (const rule of [shadowed, redundant, unused]) {
  t = performance.now();
  const f = runLintRule(rule, ruleset, dump);
  console.log(rule.code, f.length, "findings", (performance.now() - t).toFixed(0), "ms");
}
