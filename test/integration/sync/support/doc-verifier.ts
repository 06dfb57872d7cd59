/**
 * @module test/integration/sync/support/doc-verifier
 * The webhook verifier published in docs/sync.md, extracted and loaded as is: the tests check
 * what Passerelle sends with the code integrators are told to use.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface WebhookEventBody {
  type: string;
  id: string;
  target: string;
  login: string;
  sequence: number;
  changedAt: string;
  password?: string;
}

export interface DocVerifier {
  verifyPasserelleWebhook(input: { secret: string; rawBody: string; headers: Record<string, unknown>; now?: number }): WebhookEventBody;
  openPassword(event: WebhookEventBody, privateKeyPem: string): string;
}

export const loadDocVerifier = async (): Promise<DocVerifier> => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/sync.md'), 'utf8');
  const code = doc.match(/<!-- verifier:start -->\n```js\n([\s\S]*?)\n```\n<!-- verifier:end -->/)?.[1];
  if (!code) throw new Error('docs/sync.md has no verifier block');
  const file = join(mkdtempSync(join(tmpdir(), 'verifier-')), 'verifier.mjs');
  writeFileSync(file, code);
  return (await import(pathToFileURL(file).href)) as DocVerifier;
};
