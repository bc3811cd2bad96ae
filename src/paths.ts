import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root directory (the one holding its package.json), found from this module's
 * location. The data files shipped with the sources (schemas/, src/reference/data, the cukai
 * examples) are addressed from it, so the same code works from src/ (through tsx) and from the
 * bundle under dist/ that `npm start` runs.
 */
export const PROJECT_ROOT: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ceisa40') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('ceisa40: cannot find the project root (package.json named ceisa40) above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
})();

/** A path inside the project, e.g. fromRoot('schemas'). */
export const fromRoot = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
