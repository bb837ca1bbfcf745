/**
 * `iptables -L` listings through the CLI: detected without being told, --input-format on
 * every command that reads dumps, lower confidence in the text and JSON reports, and a
 * listing turned into iptables-save by fmt.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBundle, runCli } from "../helpers/cli-run.js";

const PLAIN = "fixtures/listing/variants/a-1.8-problems.plain.listing";
const TWIN = "fixtures/listing/eras/d-27.5-clean.listing";

beforeAll(() => ensureBundle());

describe("iptlint on a listing", () => {
  it("detects it and says in the JSON report which findings are lower-confidence, and why", () => {
    const r = runCli([PLAIN, "-f", "json"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { files: Array<{ input: { format: string }; findings: Array<{ code: string; confidence?: { level: string; reason: string } }> }> };
    const file = report.files[0];
    expect(file?.input.format).toBe("list");
    const published = file?.findings.find((f) => f.code === "IPT202");
    expect(published?.confidence?.level).toBe("low");
    expect(published?.confidence?.reason).toContain("the listing has no interface columns (run iptables -L -v)");
    expect(file?.findings.filter((f) => f.code === "IPT040")).toHaveLength(1);
  });

  it("prints the confidence in the text report", () => {
    const r = runCli([PLAIN, "-f", "text"]);
    expect(r.stdout).toMatch(/\n {2}confidence: low — the listing has no interface columns \(run iptables -L -v\)/);
  });

  it("takes --input-format on lint, fmt, diff, trace and exposure, and refuses other values", () => {
    expect(runCli(["--input-format", "list", TWIN]).code).toBe(0);
    expect(runCli(["fmt", "--input-format", "list", TWIN]).code).toBe(0);
    expect(runCli(["diff", "--input-format", "list", TWIN, TWIN]).code).toBe(0);
    expect(runCli(["exposure", "--input-format", "list", TWIN]).code).toBe(0);
    expect(runCli(["trace", "--input-format", "list", "--src", "198.51.100.7", "--dst", "198.51.100.10", "--dport", "8080", TWIN]).code).toBe(0);
    const bad = runCli(["--input-format", "csv", TWIN]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Allowed choices are save, S, list");
  });

  it("a save read as a listing is reported line by line, without a stack trace", () => {
    const r = runCli(["--input-format", "list", "fixtures/docker/eras/d-27.5-clean.rules"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("IPT042");
    expect(r.stderr).toBe("");
  });

  it("fmt prints a listing as the iptables-save of the same ruleset, and diff finds no difference", () => {
    const fmt = runCli(["fmt", TWIN]);
    expect(fmt.code).toBe(0);
    expect(fmt.stdout).toContain("*nat\n:PREROUTING ACCEPT [0:0]");
    expect(fmt.stdout).toContain("-A DOCKER ! -i br-6e1d9a3c5f27 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:80\n");
    expect(runCli(["diff", "fixtures/docker/eras/d-27.5-clean.rules", TWIN]).code).toBe(0);
  });
});
