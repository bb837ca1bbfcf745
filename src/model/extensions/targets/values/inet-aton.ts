/**
 * glibc inet_aton as getaddrinfo(AI_NUMERICHOST) uses it for AF_INET (inet_aton_exact): one
 * to four dot-separated numbers in C notation (0x hex, leading-0 octal), the last one filling
 * the remaining bytes, so "10.1" is 10.0.0.1 and "4294967040" is 255.255.255.0. Unlike
 * iptables' own __numeric_to_ipaddr (-s/-d: "10.1" is 10.1.0.0), which XTTYPE_HOST and
 * the masks of XTTYPE_HOSTMASK do not use.
 */
const C_NUMBER = /^(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

export function inetAton(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length > 4 || !parts.every((p) => C_NUMBER.test(p))) return undefined;
  const values = parts.map((p) => (/^0[0-7]+$/.test(p) ? parseInt(p, 8) : Number(p)));
  const last = values.pop()!;
  if (values.some((v) => v > 255)) return undefined;
  const lastBytes = 4 - values.length;
  if (last >= 2 ** (8 * lastBytes)) return undefined;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 2 ** (8 * i)) % 256);
  return bytes;
}
