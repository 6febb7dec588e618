#!/usr/bin/env node
// The published entry of the `facts` command: the compiled CLI (built by `npm ci` through `prepare`).
import '../dist/src/cli.js';
