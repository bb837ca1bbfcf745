/** Writes grammar/cst.d.ts from the grammar (npm run gen:cst); a test checks it is fresh. */
import { writeFileSync } from "node:fs";
import { generateCstDts } from "chevrotain";
import { IptablesLineParser } from "../grammar/parser.js";

const dts = generateCstDts(new IptablesLineParser().getGAstProductions());
writeFileSync(new URL("../grammar/cst.d.ts", import.meta.url), dts);
