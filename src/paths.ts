/** Where the bundled corpus is: `seeds/` at the package root, found from this module's own location. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's own `seeds/` folder (this file runs from `src/` under tsx or from `dist/src/` once built). */
export function bundledCorpusDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('seeds');
    dir = parent;
  }
  return path.join(dir, 'seeds');
}
