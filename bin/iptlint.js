#!/usr/bin/env node
import "../dist/iptlint.js";
