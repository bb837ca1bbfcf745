/**
 * A minimal XML 1.0 well-formedness check for the reporters' output (no DTDs, no CDATA, no
 * comments, which they never write): only characters XML allows, tags balanced, attribute
 * values quoted and free of `<` and bare `&`, and text free of `<` and bare `&`. Returns the
 * problems found, empty when the document is well formed.
 */

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const REFERENCE = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

function bareAmpersand(text: string): boolean {
  for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", i + 1)) if (!REFERENCE.test(text.slice(i))) return true;
  return false;
}

export function xmlProblems(doc: string): string[] {
  const problems: string[] = [];
  const bad = FORBIDDEN.exec(doc);
  if (bad) problems.push(`character U+${bad[0].codePointAt(0)?.toString(16).padStart(4, "0")} is not allowed in XML 1.0`);
  let rest = doc.replace(/^<\?xml [^?]*\?>/, "");
  const open: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    const lt = rest.indexOf("<");
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (bareAmpersand(text)) problems.push(`bare & in text ${JSON.stringify(text.slice(0, 40))}`);
    if (open.length === 0 && text.trim() !== "") problems.push(`text outside the root element: ${JSON.stringify(text.slice(0, 40))}`);
    if (lt < 0) break;
    rest = rest.slice(lt);
    const tag = /^<(\/?)([A-Za-z_:][\w.:-]*)((?:\s+[A-Za-z_:][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/.exec(rest);
    if (!tag) {
      problems.push(`malformed tag at ${JSON.stringify(rest.slice(0, 60))}`);
      break;
    }
    const [whole, closing, name = "", attributes = "", selfClosing] = tag;
    const names = [...attributes.matchAll(/([A-Za-z_:][\w.:-]*)\s*=\s*"([^"]*)"/g)];
    if (new Set(names.map((a) => a[1])).size !== names.length) problems.push(`repeated attribute in <${name}>`);
    for (const a of names) if (bareAmpersand(a[2] ?? "")) problems.push(`bare & in ${name}@${a[1]}`);
    if (closing) {
      if (open.pop() !== name) problems.push(`</${name}> does not close the open element`);
    } else {
      if (open.length === 0 && ++roots > 1) problems.push("more than one root element");
      if (!selfClosing) open.push(name);
    }
    rest = rest.slice(whole.length);
  }
  if (open.length) problems.push(`unclosed elements: ${open.join(", ")}`);
  if (roots === 0) problems.push("no root element");
  return problems;
}
