/**
 * Published ports by protocol and host port: "which other DNATs catch packets to this host
 * port?" for every port of a host with thousands of them. Comparing each port with every
 * DNAT is quadratic; an interval index per protocol over the host ports (a list `80,443` is
 * one interval per item, a range `8000:8010` one interval) answers with the ports whose host
 * port shares a port with the asked one, as portsOverlap reads both spellings.
 */
import { portBounds } from "../../docker/net.js";
import type { PublishedPort } from "../../docker/types.js";
import { IntervalIndex, type Interval } from "../../model/interval-index.js";

export class HostPortIndex {
  private readonly byProtocol = new Map<string, IntervalIndex<number>>();

  /** `ports` in the order answers keep. */
  constructor(private readonly ports: readonly PublishedPort[]) {
    const intervals = new Map<string, Interval<number>[]>();
    ports.forEach((port, position) => {
      if (port.hostPort === undefined) return;
      for (const item of port.hostPort.split(",")) {
        const bounds = portBounds(item);
        if (!bounds) continue;
        const list = intervals.get(port.protocol) ?? [];
        list.push({ from: bounds.from, to: bounds.to, value: position });
        intervals.set(port.protocol, list);
      }
    });
    for (const [protocol, list] of intervals) this.byProtocol.set(protocol, new IntervalIndex(list));
  }

  /**
   * The ports of the same protocol whose host port (a list item of it) shares a port with
   * `port`'s host port (one port or range), in the order given: every port for which
   * `portsOverlap(other.hostPort, port.hostPort)` holds, and only those.
   */
  overlapping(port: PublishedPort): PublishedPort[] {
    const bounds = port.hostPort === undefined ? undefined : portBounds(port.hostPort);
    const index = this.byProtocol.get(port.protocol);
    if (!bounds || !index) return [];
    const positions = [...new Set(index.overlapping(bounds.from, bounds.to))].sort((a, b) => a - b);
    return positions.map((p) => this.ports[p] as PublishedPort);
  }
}
