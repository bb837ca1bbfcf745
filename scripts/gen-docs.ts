// Writes docs/rules.md from the check and rule registry (src/report/rules.ts rulesMarkdown).
import { writeFileSync, mkdirSync } from "node:fs";
import { rulesMarkdown } from "../src/report/rules.js";

mkdirSync(new URL("../docs/", import.meta.url), { recursive: true });
writeFileSync(new URL("../docs/rules.md", import.meta.url), rulesMarkdown());
