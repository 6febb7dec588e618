// The npm registry reachable from our machines serves only the Linux builds of packages that ship one
// native package per platform (Biome, sentencex), so `npm install` here leaves the other platforms out
// of package-lock.json and `npm ci` then refuses the lock as out of sync. This adds the missing
// platform entries (version, os, cpu: enough for npm to skip them here and fetch them elsewhere).
// Run after any `npm install`: node .ci/lock-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const entry of Object.values(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key]) continue;
    const [os, cpu, libc] = dep
      .replace(/^.*\/cli-|^[^/]*?-(?=(darwin|linux|win32|android|freebsd)-)/, '')
      .split('-');
    packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      cpu: [cpu],
      os: [os],
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
    };
    added.push(key);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.join(', ')}` : 'nothing to add');
