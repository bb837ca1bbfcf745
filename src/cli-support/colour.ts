/**
 * Whether to colour the report on standard output. The order (peers.md, "Color"): an explicit
 * `--color` / `--no-color` beats the environment, the environment beats terminal detection.
 * `FORCE_COLOR` (force-color.org) wins over `NO_COLOR` (no-color.org) as it does for Node's
 * own `tty.WriteStream#hasColors()`: it is the more specific request; `FORCE_COLOR=0` means
 * off, as Node reads it. Both count only when set to a non-empty value.
 */
export interface ColourInputs {
  /** true for --color, false for --no-color, undefined for neither. */
  readonly flag?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
}

export function colourWanted(inputs: ColourInputs): boolean {
  if (inputs.flag !== undefined) return inputs.flag;
  const force = inputs.env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  const no = inputs.env["NO_COLOR"];
  if (no !== undefined && no !== "") return false;
  return inputs.isTTY;
}
