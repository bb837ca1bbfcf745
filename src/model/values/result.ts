/**
 * Result of checking one option value the way iptables' parser does.
 * `message` is phrased like iptables' own error ("invalid port/service `foo' specified")
 * so that users recognise it, without the program-name prefix.
 */
export type ValueResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

export function ok<T>(value: T): ValueResult<T> {
  return { ok: true, value };
}

export function bad(message: string): ValueResult<never> {
  return { ok: false, message };
}
