/**
 * The NAT targets as printed (iptables 1.8.9, libxt_NAT.c / libipt_*.c): DNAT and SNAT
 * ` to:RANGE` (`10.0.0.1`, `10.0.0.1-10.0.0.5:80-90`, `:80`, `[fd00::2]:8080`,
 * `10.0.0.1:80-90/85`), then ` random`, ` random-fully`, ` persistent`; MASQUERADE ` masq
 * ports: A[-B] random random-fully`; REDIRECT ` redir ports A[-B] random`; NETMAP ` to:NET`.
 */
import { gen, type GenWord, type Piece } from "../scanner.js";
import { attempt, type TargetReader } from "./types.js";

const FLAGS = ["random", "random-fully", "persistent"];

function flags(words: Array<Piece | undefined>, allowed: readonly string[]): GenWord[] | undefined {
  const out: GenWord[] = [];
  for (const w of words) {
    if (!w || !allowed.includes(w.text)) return undefined;
    out.push(gen(`--${w.text}`, w));
  }
  return out;
}

function natTarget(name: "DNAT" | "SNAT", flag: string): TargetReader {
  return {
    names: [name],
    read: (s) =>
      attempt(s, () => {
        const out: GenWord[] = [];
        for (let to = s.re(/to:(\S+)/); to; to = s.re(/to:(\S+)/)) out.push(gen(flag, to[0] as Piece), gen((to[1] as Piece).text, to[1] as Piece));
        const rest: Array<Piece | undefined> = [];
        for (let w = s.word(); w; w = s.word()) rest.push(w);
        const f = flags(rest, FLAGS);
        return f ? [...out, ...f] : undefined;
      }),
  };
}

export const dnatTarget = natTarget("DNAT", "--to-destination");
export const snatTarget = natTarget("SNAT", "--to-source");

function portsTarget(name: "MASQUERADE" | "REDIRECT", label: RegExp, allowed: readonly string[]): TargetReader {
  return {
    names: [name],
    read: (s) =>
      attempt(s, () => {
        const out: GenWord[] = [];
        const ports = s.re(label);
        if (ports) out.push(gen("--to-ports", ports[0] as Piece), gen((ports[1] as Piece).text, ports[1] as Piece));
        const rest: Array<Piece | undefined> = [];
        for (let w = s.word(); w; w = s.word()) rest.push(w);
        const f = flags(rest, allowed);
        return f ? [...out, ...f] : undefined;
      }),
  };
}

export const masqueradeTarget = portsTarget("MASQUERADE", /masq ports: (\d+(?:-\d+)?)/, ["random", "random-fully"]);
export const redirectTarget = portsTarget("REDIRECT", /redir ports (\d+(?:-\d+)?)/, ["random"]);

export const netmapTarget: TargetReader = {
  names: ["NETMAP"],
  read: (s) =>
    attempt(s, () => {
      const to = s.re(/to:(\S+)/);
      if (!to || !s.atEnd()) return undefined;
      return [gen("--to", to[0] as Piece), gen((to[1] as Piece).text, to[1] as Piece)];
    }),
};
