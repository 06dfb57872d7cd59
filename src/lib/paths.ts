/**
 * @module lib/paths
 * Where the installation's own files are (templates/, dist/static/), whether Passerelle runs from
 * its TypeScript sources or from the bundle in dist/server/: the first folder upwards that holds
 * the package's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const isOurRoot = (folder: string) => {
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'passerelle';
  } catch {
    return false;
  }
};

const findRoot = (start: string): string => {
  for (let folder = start; ; folder = dirname(folder)) {
    if (isOurRoot(folder)) return folder;
    if (dirname(folder) === folder) throw new Error(`Passerelle's package.json not found above ${start}`);
  }
};

export const PROJECT_ROOT = findRoot(import.meta.dirname);
