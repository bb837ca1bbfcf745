/**
 * inet_pton(AF_INET, …) as glibc implements it (inet_pton4): exactly four decimal parts of
 * 0-255 without leading zeros. libxt_NAT.c parse_to uses it, unlike the host parser of
 * -s/-d (inet_aton-like, which takes "1.2.3" and octal), so NAT values are stricter.
 * oracle: `--to-destination 1.2.3` → Bad IP address "1.2.3"; `01.2.3.4` → Bad IP address.
 */
export function inetPton4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}
