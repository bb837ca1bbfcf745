import { describe, expect, it } from "vitest";
import { discoverConfig, loadConfigFile, type ConfigFileAccess } from "../../src/config/discover.js";

/** A fake filesystem: path → file text; `read` records what was read. */
function fakeFs(files: Record<string, string>): ConfigFileAccess & { read: string[]; probed: string[] } {
  const read: string[] = [];
  const probed: string[] = [];
  return {
    read,
    probed,
    exists: (path) => (probed.push(path), path in files),
    readFile: (path) => {
      read.push(path);
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
  };
}

describe("discoverConfig", () => {
  it("finds the nearest configuration, searching upwards from the file's directory", () => {
    const fs = fakeFs({
      "/srv/.iptlintrc.json": '{"rules": {"IPT206": "off"}}',
      "/srv/hosts/db/.iptlintrc.yaml": "rules:\n  IPT202: warning\n",
      "/.iptlintrc.yml": "rules: {IPT217: off}\n",
    });
    expect(discoverConfig("/srv/hosts/db/v4", fs)).toMatchObject({ path: "/srv/hosts/db/.iptlintrc.yaml", config: { rules: { IPT202: "warning" } }, problems: [] });
    expect(discoverConfig("/srv/hosts/web", fs)).toMatchObject({ path: "/srv/.iptlintrc.json", config: { rules: { IPT206: "off" } } });
    expect(discoverConfig("/tmp", fs)).toMatchObject({ path: "/.iptlintrc.yml", config: { rules: { IPT217: "off" } } });
    expect(fs.read).toEqual(["/srv/hosts/db/.iptlintrc.yaml", "/srv/.iptlintrc.json", "/.iptlintrc.yml"]);
  });

  it("stops at the filesystem root when there is none", () => {
    const fs = fakeFs({ "/srv/other/.iptlintrc.json": "{}" });
    expect(discoverConfig("/srv/hosts", fs)).toBeUndefined();
    expect(fs.probed.filter((p) => p.endsWith("/.iptlintrc.json"))).toEqual(["/srv/hosts/.iptlintrc.json", "/srv/.iptlintrc.json", "/.iptlintrc.json"]);
  });

  it("finds iptlint.config.json too", () => {
    expect(discoverConfig("/a/b", fakeFs({ "/a/iptlint.config.json": '{"routedSubnets": ["10.0.0.0/8"]}' }))?.config?.routedSubnets).toEqual(["10.0.0.0/8"]);
  });

  it("refuses a directory that holds two configuration files, naming both", () => {
    const fs = fakeFs({ "/srv/.iptlintrc.json": "{}", "/srv/iptlint.config.json": "{}", "/.iptlintrc.json": "{}" });
    expect(discoverConfig("/srv/x", fs)).toEqual({
      path: "/srv/.iptlintrc.json",
      problems: [{ message: "/srv/.iptlintrc.json and /srv/iptlint.config.json are both configuration files for the same directory; keep one" }],
    });
    expect(fs.read).toEqual([]);
  });

  it("returns the problems of an invalid configuration instead of a configuration", () => {
    const found = discoverConfig("/srv", fakeFs({ "/srv/.iptlintrc.json": '{"rulez": {}}' }));
    expect(found?.config).toBeUndefined();
    expect(found?.problems.map((p) => p.message)).toEqual(['rulez: unknown key; did you mean "rules"? (known keys: rules, routedSubnets, trustedSources, externalInterfaces, intent, baseline)']);
  });
});

describe("loadConfigFile", () => {
  it("reports a file that cannot be read as a problem", () => {
    expect(loadConfigFile("/nope/.iptlintrc.json", fakeFs({}))).toEqual({ path: "/nope/.iptlintrc.json", problems: [{ message: "cannot read the configuration file: ENOENT: no such file or directory, open '/nope/.iptlintrc.json'" }] });
  });
});
