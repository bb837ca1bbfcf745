/**
 * Interfaces collected from one `--addr` file. Outputs are often pasted together
 * (`ip -4 addr; ip -6 addr`, or the JSON of each): an interface seen twice is one
 * interface, its addresses merged and the same address kept once.
 */
import type { HostAddress, HostInterface } from "./types.js";

interface Entry {
  name: string;
  index?: number;
  state?: string;
  flags: string[];
  master?: string;
  addresses: HostAddress[];
}

export interface InterfaceDetails {
  readonly index?: number;
  readonly state?: string;
  readonly flags?: readonly string[];
  readonly master?: string;
}

/** `veth12ab@if5` is `veth12ab`: ip appends the link partner after `@`. */
export function deviceName(printed: string): string {
  const at = printed.indexOf("@");
  return at > 0 ? printed.slice(0, at) : printed;
}

export class InterfaceTable {
  private readonly entries = new Map<string, Entry>();

  /** The interface of that name, created on first sight; later details fill what was missing. */
  interface(name: string, details: InterfaceDetails = {}): string {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = { name, flags: [], addresses: [] };
      this.entries.set(name, entry);
    }
    if (entry.index === undefined && details.index !== undefined) entry.index = details.index;
    if (entry.state === undefined && details.state !== undefined) entry.state = details.state;
    if (entry.master === undefined && details.master !== undefined) entry.master = details.master;
    if (entry.flags.length === 0 && details.flags) entry.flags = [...details.flags];
    return name;
  }

  addAddress(name: string, address: HostAddress): void {
    const entry = this.entries.get(this.interface(name))!;
    const same = entry.addresses.some((a) => a.family === address.family && a.address === address.address && a.prefixLength === address.prefixLength);
    if (!same) entry.addresses.push(address);
  }

  result(): HostInterface[] {
    return [...this.entries.values()].map((e) => ({
      name: e.name,
      ...(e.index !== undefined ? { index: e.index } : {}),
      ...(e.state !== undefined ? { state: e.state } : {}),
      flags: e.flags,
      ...(e.master !== undefined ? { master: e.master } : {}),
      addresses: e.addresses,
    }));
  }
}
