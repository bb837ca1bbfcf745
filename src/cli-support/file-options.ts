/** A file's lint options: the command line's, then what its configuration adds. */
import type { Backend } from "../ast/backend.js";
import { familyFromFileName, type FamilyHint } from "../ast/detect.js";
import type { IptlintConfig } from "../config/types.js";
import type { InputFormatChoice } from "../listing/detect.js";
import type { LintOptions } from "../lint.js";
import type { Family, TableName } from "../model/netfilter.js";

export interface CommandLineInput {
  readonly family?: Family;
  readonly table?: TableName;
  readonly backend?: Backend;
  /** --input-format: save, S or list (iptables -L output); detected when absent. */
  readonly inputFormat?: InputFormatChoice;
  /** --routed-subnet, repeatable. */
  readonly routedSubnet?: readonly string[];
}

/**
 * `--family` beats the file name (rules.v6, *.save6); routed subnets from the command line
 * and the configuration add up; the configuration's first external interface is the one the
 * engine treats as "outside".
 */
export function fileLintOptions(name: string, cli: CommandLineInput, config?: IptlintConfig): LintOptions {
  const nameFamily = familyFromFileName(name);
  const family: FamilyHint | undefined = cli.family ? { family: cli.family, source: "option" } : nameFamily ? { family: nameFamily, source: "file name" } : undefined;
  const routed = [...(cli.routedSubnet ?? []), ...(config?.routedSubnets ?? [])];
  const external = config?.externalInterfaces[0];
  return {
    ...(family ? { family } : {}),
    ...(cli.table ? { table: cli.table } : {}),
    ...(cli.backend ? { backend: cli.backend } : {}),
    ...(cli.inputFormat ? { inputFormat: cli.inputFormat } : {}),
    ...(routed.length ? { routedSubnets: routed } : {}),
    ...(config?.intent ? { intent: config.intent } : {}),
    ...(config?.trustedSources.length ? { trustedSources: config.trustedSources } : {}),
    ...(external !== undefined ? { externalInterface: external } : {}),
  };
}
