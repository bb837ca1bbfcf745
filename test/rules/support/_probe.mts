import { lintText } from "../../../src/lint.js";
import { readFileSync } from "node:fs";
const text = process.argv[2] ? readFileSync(process.argv[2], "utf8") : "";
const r = lintText(text);
for (const f of r.findings) if (["IPT110","IPT111","IPT112"].includes(f.code)) console.log(f.span.start.line, f.code, f.message, "|", f.remediation?.now.join(" ; "));
