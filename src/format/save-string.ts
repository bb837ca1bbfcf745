/**
 * xtables_save_string (libxtables/xtables.c, iptables 1.8.9): a value made only of
 * `[A-Za-z0-9_-]` is printed bare; anything else (including the empty string) is printed in
 * double quotes with `"`, `\` and `'` escaped by a backslash. So `--comment -foo` is saved
 * unquoted and reads back as a flag-looking value — which iptables-restore accepts.
 */
const BARE = /^[A-Za-z0-9_-]+$/;

export function saveString(value: string): string {
  if (BARE.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}
