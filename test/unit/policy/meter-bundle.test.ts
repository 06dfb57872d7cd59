/**
 * @module test/unit/policy/meter-bundle
 * The meter's two bundles, built in memory as scripts/build-assets.ts builds them: neither may
 * contain a way to send data off the page, and meter.js stays small (the dictionaries belong in
 * the worker, loaded on first focus).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const bundle = async (entry: string) => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    target: 'es2020',
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
};

/** Browser APIs that can carry data to a server. `import(` too: the meter loads no code as a module. */
const NETWORK = [/\bfetch\s*\(/, /XMLHttpRequest/, /sendBeacon/, /WebSocket/, /EventSource/, /importScripts/, /\bimport\s*\(/, /RTCPeerConnection/];

describe('meter bundles', { timeout: 60_000 }, () => {
  it('meter.js has no network API and no dictionary', async () => {
    const code = await bundle('src/browser/meter.ts');
    for (const pattern of NETWORK) expect(code, String(pattern)).not.toMatch(pattern);
    expect(code.length).toBeLessThan(40 * 1024);
    expect(code).toContain('meter-worker.js');
  });

  it('meter-worker.js has the dictionaries and no network API', async () => {
    const code = await bundle('src/browser/meter-worker.ts');
    for (const pattern of NETWORK) expect(code, String(pattern)).not.toMatch(pattern);
    expect(code.length).toBeGreaterThan(1024 * 1024);
  });
});
