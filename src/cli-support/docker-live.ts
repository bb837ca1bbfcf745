/**
 * `iptlint --live` on a host with the docker CLI: Docker's own JSON for the names of networks,
 * containers and published ports, asked with read-only commands only —
 * `docker network ls -q`, `docker network inspect <ids>`, `docker ps -q` and
 * `docker inspect --type container <ids>`. Names are a help, not a need: when docker is missing,
 * the daemon is down or the user may not talk to it, the lint goes on without them and says so
 * once. Finding and running commands is injected (src/cli.ts does the I/O).
 */
import type { CommandOutput } from "./live.js";

export interface DockerLiveResult {
  /** The JSON outputs, named by their command for messages. */
  readonly outputs: readonly { readonly name: string; readonly text: string }[];
  /** Why there are no (or fewer) names, for one line on stderr. */
  readonly note?: string;
}

/** `permission denied while trying to connect to the Docker daemon socket` (docker CLI, not in the docker group). */
const NOT_PERMITTED = /permission denied/i;

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

/**
 * Object ids as `-q` prints them: hex only. Anything else (a warning line, a name starting with
 * `-`) is not passed on, so no output of docker can become an option of the next command.
 */
function ids(stdout: string): string[] {
  return stdout
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^[0-9a-f]{12,64}$/.test(l));
}

function why(command: string, out: CommandOutput): string {
  const said = firstLine(out.stderr) || firstLine(out.stdout);
  if (out.errorCode === "EACCES" || NOT_PERMITTED.test(out.stderr)) return `${command} was refused (${said || "permission denied"}): run iptlint as a user who may use docker (root or the docker group)`;
  if (out.errorCode) return `${command} could not run (${out.errorCode})`;
  return `${command} exited with status ${out.status ?? "signal"}${said ? `: ${said}` : ""}`;
}

export function collectDockerInspect(find: (name: string) => string | undefined, run: (path: string, args: readonly string[]) => CommandOutput): DockerLiveResult {
  const docker = find("docker");
  if (docker === undefined) return { outputs: [], note: "no docker command on PATH: findings name no containers or networks (give --docker-inspect FILE for names)" };
  const outputs: { name: string; text: string }[] = [];
  const steps = [
    { list: ["network", "ls", "-q"], inspect: ["network", "inspect"] },
    { list: ["ps", "-q"], inspect: ["inspect", "--type", "container"] },
  ];
  for (const step of steps) {
    const listName = `docker ${step.list.join(" ")}`;
    const listed = run(docker, step.list);
    if (listed.status !== 0) return { outputs: [], note: `${why(listName, listed)}; findings name no containers or networks` };
    const found = ids(listed.stdout);
    if (found.length === 0) continue;
    const inspectName = `docker ${step.inspect.join(" ")}`;
    const out = run(docker, [...step.inspect, ...found]);
    // A container removed between `ps` and `inspect` makes inspect exit 1 after printing the others.
    if (out.status !== 0 && out.stdout.trim() === "") return { outputs, note: `${why(inspectName, out)}; findings name ${outputs.length ? "networks but no containers" : "no containers or networks"}` };
    outputs.push({ name: inspectName, text: out.stdout });
  }
  return { outputs };
}
