/**
 * The OASIS SARIF 2.1.0 schema from ../shared/schemas (beside the project), compiled with
 * ajv-draft-04 and real checks for the formats it uses, so that a `<stdin>` uri fails instead
 * of passing unchecked. Tests skip visibly when the schema is absent.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import type { ValidateFunction } from "ajv";

export const SARIF_SCHEMA_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/schemas/sarif-schema-2.1.0.json");
export const hasSarifSchema = existsSync(SARIF_SCHEMA_PATH);
export const SCHEMA_NOTE = hasSarifSchema ? "schema present" : "SKIPPED: ../shared/schemas/sarif-schema-2.1.0.json is absent";

// ajv-draft-04 is CommonJS: under NodeNext the default import is module.exports, whose
// `default` is the class (the same function at run time, the typed one for tsc).
const Ajv = AjvDraft04.default;

const FORMATS = {
  uri: (s: string) => URL.canParse(s),
  "uri-reference": (s: string) => !/[\s<>"{}|\\^`\u0000-\u001f\u007f]/.test(s) && URL.canParse(s, "file:///checkout/"),
  "date-time": (s: string) => !Number.isNaN(Date.parse(s)),
};

let compiled: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: false, formats: FORMATS }).compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, "utf8")));
  return compiled;
}
