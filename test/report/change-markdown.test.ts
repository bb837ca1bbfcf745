/**
 * The change report in markdown (job summaries, pull-request comments): its layout, and that
 * text from a dump can break neither the tables nor the page, nor ping or link anyone.
 */
import { describe, expect, it } from "vitest";
import { changeVerdict, type ChangeReport } from "../../src/change/report.js";
import { changeMarkdown } from "../../src/report/change-markdown.js";
import { markdownCodeBlock, markdownText } from "../../src/report/markdown-escape.js";
import { compareFixture, compareTexts, fixtureText } from "../change/versions.js";

const GATE = { failOn: "warning", exitZero: false } as const;

function render(files: ChangeReport["files"]): string {
  const report: ChangeReport = { compared: { kind: "files" }, files, movedBetweenFiles: [], exposure: true };
  return changeMarkdown(report, changeVerdict(report, GATE), GATE);
}

/** Unescaped pipes: the cell separators of a table row. */
function cells(row: string): number {
  return row.replace(/\\\|/g, "").split("|").length - 2;
}

describe("markdownText", () => {
  it("escapes table pipes, code, emphasis, HTML, mentions, issue links, URLs and control characters", () => {
    const out = markdownText("a | b `c` *d* _e_ [f](g) <img src=x> & @octo-org/admins #12 https://evil.example www.evil.example $x$ \u001b[31m\u202e");
    expect(out).toBe(
      "a \\| b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) &lt;img src=x&gt; &amp; &#64;octo-org/admins &#35;12 h&#8203;ttps://evil.example w&#8203;ww.evil.example \\$x\\$ \\\\x1b\\[31m\\\\u202e",
    );
  });

  it("a code block's fence is longer than any run of backquotes inside it", () => {
    expect(markdownCodeBlock("a ``` b\n````", "diff")).toBe("`````diff\na ``` b\n````\n`````");
    expect(markdownCodeBlock("plain")).toBe("```\nplain\n```");
  });
});

describe("changeMarkdown", () => {
  it("a heading with the verdict, a table of what became reachable with sources and what stopped them, findings, and the rule diff folded", () => {
    const md = render([compareFixture("docker-user-removed")]);
    expect(md.split("\n")[0]).toBe("## iptlint change gate: fail");
    expect(md).toContain("**1 port or service more reachable, 2 new findings (2 at or above warning)**");
    expect(md).toContain("| Port or service | Newly reachable from | Via | Before |");
    const row = md.split("\n").find((l) => l.startsWith("| `tcp 0.0.0.0:8080"));
    expect(row).toBe(
      "| `tcp 0.0.0.0:8080 → 192.0.2.2:80`<br>published port on bridge1 | `0.0.0.0/0 except 10.0.0.0/8` | eth0 (external) | stopped by filter DOCKER-USER line 44: -A DOCKER-USER ! -s 10.0.0.0/8 -i eth0 -p tcp -m conntrack --ctorigdstport 8080 --ctdir ORIGINAL -j DROP |",
    );
    expect(md).toContain("**New findings (2)**");
    expect(md).toContain("| warning | `IPT202` published-on-all-interfaces | new:57 | tcp 0.0.0.0:8080 → 192.0.2.2:80 on bridge1 is published on every address");
    expect(md).toContain("<details><summary>Rule changes: 0 added, 1 removed, 0 moved, 0 policies changed, 0 chains created or deleted</summary>");
    expect(md).toContain("```diff\ntable filter\n  chain DOCKER-USER\n-    -A DOCKER-USER ! -s 10.0.0.0/8");
    expect(md.trimEnd().endsWith("</details>")).toBe(true);
  });

  it("a reformatting says no change and passes", () => {
    const md = render([compareFixture("reformatted", "new.S")]);
    expect(md.split("\n")[0]).toBe("## iptlint change gate: pass");
    expect(md).toContain("No change: the same rules in canonical form, the same exposure, the same findings.");
    expect(md).not.toContain("<details>");
  });

  it("a hostile rule comment stays inside its cell and its code block", () => {
    const hostile = 'x | y <img src=x onerror=alert(1)> @octo-org/admins `rm -rf` ``` #12 https://evil.example';
    const old = fixtureText("reorder-verdict/old.rules").replace("-A INPUT -s 198.51.100.7/32 -j DROP", `-A INPUT -s 198.51.100.7/32 -m comment --comment "${hostile}" -j DROP`);
    const changed = old.split("\n");
    const drop = changed.findIndex((l) => l.includes("-j DROP"));
    [changed[drop], changed[drop + 1]] = [changed[drop + 1]!, changed[drop]!];
    const md = render([compareTexts(old, changed.join("\n"))]);
    const row = md.split("\n").find((l) => l.startsWith("| `tcp 443"));
    expect(row).toBeDefined();
    expect(cells(row!)).toBe(4);
    for (const bad of ["<img", "@octo", "#12", "https://"]) expect(row).not.toContain(bad);
    // The "Before" cell holds the rule with its comment: every backquote in it is escaped.
    const before = row!.split(/(?<!\\)\|/)[4]!;
    expect(before).toContain("\\`rm -rf\\`");
    expect(before).not.toMatch(/(?<!\\)`/);
    // In the diff block the comment is verbatim, and the fence outlasts its backquotes.
    const block = md.slice(md.indexOf("<details>"));
    expect(block).toContain(`--comment "${hostile}" -j DROP`);
    expect(block).toMatch(/\n````diff\n/);
    expect(block.match(/^````$/m)).not.toBeNull();
  });
});
