/**
 * @module scripts/build-assets
 * Bundles every browser entry, src/browser/*.ts, into dist/static/js/<entry>.js (served under
 * /static/js): minified, ES2020, stable names so the pages need no manifest. Every entry is a
 * classic script (IIFE): the layout loads them with <script defer>, and workers (altcha-worker,
 * meter-worker) are started from their URL. CSS imported by an entry lands beside it
 * (altcha.js → altcha.css). Prints each file's size, raw and gzipped.
 *
 * Files are overwritten in place, not deleted first, so tests reading dist/ while another run
 * builds never see a missing file.
 *
 * Usage: node scripts/build-assets.ts   (npm run build:assets)
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'src/browser');
const outdir = join(root, 'dist/static/js');

/** The entries: *.ts directly in src/browser (helpers live in sub-folders), declarations excluded. */
const entries = async () =>
  (await readdir(sourceDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(sourceDir, entry.name))
    .sort();

const common: BuildOptions = {
  bundle: true,
  minify: true,
  target: 'es2020',
  platform: 'browser',
  outdir,
  entryNames: '[name]',
  // Fonts or images referenced from imported CSS are copied beside it under a content hash.
  assetNames: 'assets/[name]-[hash]',
  legalComments: 'linked',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
};

const sizes = async (metafile: Metafile) => {
  const rows: string[] = [];
  for (const file of Object.keys(metafile.outputs).sort()) {
    if (file.endsWith('.LEGAL.txt')) continue;
    const bytes = await readFile(join(root, file));
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
    rows.push(`  ${relative(root, join(root, file)).padEnd(44)} ${kib(bytes.length)} raw ${kib(gzipSync(bytes, { level: 9 }).length)} gzip`);
  }
  return rows;
};

const main = async () => {
  const started = performance.now();
  const entryPoints = await entries();
  const result = await build({ ...common, entryPoints, format: 'iife' });
  console.log(`build-assets: ${entryPoints.length} entries in ${Math.round(performance.now() - started)} ms`);
  if (result.metafile) console.log((await sizes(result.metafile)).join('\n'));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
