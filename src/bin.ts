// Entry point of the bundled CLI (dist/iptlint.cjs).
import { run } from "./cli.js";

run();
