/**
 * @module test/integration/hibp
 * The HIBP range client against an in-process range server on 127.0.0.1 that records what it is
 * asked: only a 5-hex prefix leaves, listed passwords are caught, padding is ignored, and a dead or
 * stalled server fails open within the timeout with one warning that holds no secret.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHibpRangeClient, type WarnLogger } from '../../src/adapters/hibp/range-client.ts';

const sha1 = (value: string) => createHash('sha1').update(value, 'utf8').digest('hex').toUpperCase();

const LISTED = 'Soleil-Levant-1984';
const PADDED_ONLY = 'Lune-Couchante-2001';
const UNLISTED = 'Orage tiède sur les Causses 17';

interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
}

/** Answers like api.pwnedpasswords.com: suffixes for the prefix, padding lines with count 0. */
const rangeBody = (prefix: string): string => {
  const lines: string[] = [];
  for (const password of [LISTED, PADDED_ONLY]) {
    const hash = sha1(password);
    if (hash.startsWith(prefix)) lines.push(`${hash.slice(5)}:${password === LISTED ? 42 : 0}`);
  }
  // Made-up padding entries, as with Add-Padding: true.
  for (let k = 0; k < 5; k += 1) lines.push(`${k.toString(16).repeat(35).toUpperCase()}:0`);
  return lines.join('\r\n');
};

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/range/`;
};

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const warnings = () => {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const logger: WarnLogger = { warn: (fields, message) => void lines.push({ fields, message }) };
  return { lines, logger };
};

describe('HIBP range client', () => {
  const recorded: Recorded[] = [];
  let rangeServer: Server;
  let rangeUrl: string;

  beforeAll(async () => {
    rangeServer = createServer((request, response) => {
      recorded.push({ path: request.url ?? '', headers: request.headers });
      const prefix = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? '')?.[1];
      if (!prefix) {
        response.writeHead(400).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end(rangeBody(prefix));
    });
    rangeUrl = await listen(rangeServer);
  });
  afterAll(() => close(rangeServer));

  it('sends only the first 5 hex characters of the SHA-1, with Add-Padding', async () => {
    recorded.length = 0;
    const { logger } = warnings();
    await createHibpRangeClient({ url: rangeUrl, timeoutMs: 2000 }, logger).isBreached(UNLISTED);
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request?.path).toBe(`/range/${sha1(UNLISTED).slice(0, 5)}`);
    expect(request?.path).not.toContain(sha1(UNLISTED).slice(5, 10));
    expect(request?.path).not.toContain('Orage');
    expect(request?.headers['add-padding']).toBe('true');
  });

  it('catches a listed password', async () => {
    const { logger, lines } = warnings();
    await expect(createHibpRangeClient({ url: rangeUrl, timeoutMs: 2000 }, logger).isBreached(LISTED)).resolves.toBe(true);
    expect(lines).toEqual([]);
  });

  it('lets an unlisted password pass, and ignores padding entries (count 0)', async () => {
    const client = createHibpRangeClient({ url: rangeUrl, timeoutMs: 2000 }, warnings().logger);
    await expect(client.isBreached(UNLISTED)).resolves.toBe(false);
    await expect(client.isBreached(PADDED_ONLY)).resolves.toBe(false);
  });

  it('fails open within the timeout when the server stalls, with one warning and no secret', async () => {
    const stalled = createServer(() => {
      // Accepts the request and never answers.
    });
    const url = await listen(stalled);
    const { logger, lines } = warnings();
    const started = performance.now();
    const verdict = await createHibpRangeClient({ url, timeoutMs: 300 }, logger).isBreached(LISTED);
    const elapsed = performance.now() - started;
    await close(stalled);

    expect(verdict).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toMatchObject({ reason: 'timeout' });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(LISTED);
    expect(logged).not.toContain(sha1(LISTED).slice(0, 5));
  });

  it('fails open at once when nothing listens', async () => {
    const gone = createServer();
    const url = await listen(gone);
    await close(gone);
    const { logger, lines } = warnings();
    const started = performance.now();
    await expect(createHibpRangeClient({ url, timeoutMs: 2000 }, logger).isBreached(LISTED)).resolves.toBe(false);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toMatchObject({ reason: 'ECONNREFUSED' });
  });

  it('fails open on an error status', async () => {
    const failing = createServer((_request, response) => response.writeHead(503).end('busy'));
    const url = await listen(failing);
    const { logger, lines } = warnings();
    await expect(createHibpRangeClient({ url, timeoutMs: 2000 }, logger).isBreached(LISTED)).resolves.toBe(false);
    await close(failing);
    expect(lines[0]?.fields).toMatchObject({ reason: 'http 503' });
  });
});
