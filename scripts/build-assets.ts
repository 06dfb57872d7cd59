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
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

/**
 * Writes .gz and .br twins of every output and returns the size table. The server sends them to
 * browsers that accept them (serveStatic's `precompressed`): the strength estimator's
 * dictionaries are 2.3 MB raw, ≈ 1 MB compressed. Brotli quality 9 takes about a second here;
 * quality 11 saves another 10 % for 16 s.
 */
const compressAndMeasure = async (metafile: Metafile) => {
  const rows: string[] = [];
  for (const file of Object.keys(metafile.outputs).sort()) {
    if (file.endsWith('.LEGAL.txt')) continue;
    const path = join(root, file);
    const bytes = await readFile(path);
    const gzip = gzipSync(bytes, { level: 9 });
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    await Promise.all([writeFile(`${path}.gz`, gzip), writeFile(`${path}.br`, brotli)]);
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
    rows.push(`  ${relative(root, path).padEnd(44)} ${kib(bytes.length)} raw ${kib(gzip.length)} gzip ${kib(brotli.length)} br`);
  }
  return rows;
};

const main = async () => {
  const started = performance.now();
  const entryPoints = await entries();
  const result = await build({ ...common, entryPoints, format: 'iife' });
  console.log(`build-assets: ${entryPoints.length} entries in ${Math.round(performance.now() - started)} ms`);
  if (result.metafile) console.log((await compressAndMeasure(result.metafile)).join('\n'));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
