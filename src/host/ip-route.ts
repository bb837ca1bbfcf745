/**
 * `--routes FILE`: the output of `ip route`, `ip -6 route`, `ip route show table all`
 * (with its `table local` routes of type local, broadcast, anycast, multicast and the
 * blackhole, unreachable, prohibit and throw routes) or `ip -j route` (ip-route-json.ts).
 * A line is `[TYPE] DESTINATION WORDS…` (route-words.ts); indented `nexthop …` lines belong
 * to the multipath route above them. A line that cannot be read is a problem and is left
 * out; the routes around it are kept.
 */
import { parseIpRouteJson } from "./ip-route-json.js";
import { looksLikeJson } from "./json-elements.js";
import { finishRoutes, newDraft, readDestination, type RouteDraft } from "./route-draft.js";
import { readRouteWords, type WordReader } from "./route-words.js";
import { textLines, words, type TextLine } from "./text-lines.js";
import { ROUTE_TYPES, type HostInputProblem, type ParsedRoutes, type RouteType } from "./types.js";

interface Reader {
  readonly drafts: RouteDraft[];
  readonly problems: HostInputProblem[];
  /** The route the indented lines below belong to. */
  current?: RouteDraft;
}

function readRouteLine(r: Reader, line: TextLine): void {
  const ws = words(line.text);
  const d = newDraft(line.number);
  // Set even when the line turns out broken, so that its nexthop lines go with it.
  r.current = d;
  let i = 0;
  if ((ROUTE_TYPES as readonly string[]).includes(ws[0]!.text)) d.type = ws[i++]!.text as RouteType;
  const destWord = ws[i];
  const destination = destWord ? readDestination(destWord.text) : undefined;
  if (!destination) {
    r.problems.push({ line: line.number, column: destWord?.column ?? 1, message: destWord ? `\`${destWord.text}' is not a route destination (\`default' or an address)` : "a route type without a destination" });
    return;
  }
  if (destination !== "default") d.destination = destination;
  const reader: WordReader = { ws, i: i + 1, line: line.number, problems: r.problems };
  if (!readRouteWords(reader, d)) return;
  r.drafts.push(d);
}

/** `\tnexthop via … dev …` under a multipath route; `cache …` under `ip route get` output. */
function readIndented(r: Reader, line: TextLine): void {
  const ws = words(line.text);
  if (!r.current) {
    r.problems.push({ line: line.number, column: ws[0]!.column, message: "an indented line with no route above it" });
    return;
  }
  if (ws[0]!.text !== "nexthop") return;
  const reader: WordReader = { ws, i: 0, line: line.number, problems: r.problems };
  const before = r.current.nexthops.length;
  if (!readRouteWords(reader, r.current)) r.current.nexthops.length = before;
}

export function parseIpRoute(text: string): ParsedRoutes {
  if (looksLikeJson(text)) return parseIpRouteJson(text);
  const r: Reader = { drafts: [], problems: [] };
  for (const line of textLines(text)) {
    if (line.text.trim() === "") continue;
    if (/^\s/.test(line.text)) {
      readIndented(r, line);
      continue;
    }
    r.current = undefined;
    readRouteLine(r, line);
  }
  return { routes: finishRoutes(r.drafts), problems: r.problems };
}
