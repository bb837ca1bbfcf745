// Entry point of the bundled CLI (dist/iptlint.js).
import { run } from "./cli.js";

run();
