/**
 * What a dump read from `iptables -L` output does not show, kept with the dump so that the
 * findings built on it can say how sure they are (./confidence.ts).
 */

export interface ListingFacts {
  /** Every listed chain had the in and out columns (-v). */
  readonly interfaces: boolean;
  /**
   * Rows whose rule keeps something the listing does not show (a host name that could not be
   * mapped back, an unnamed hashlimit table), by line, with what it is.
   */
  readonly uncertainRows: ReadonlyMap<number, string>;
}
