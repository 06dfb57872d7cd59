/**
 * @module test/integration/sync/support/receivers
 * The downstream systems of the sync tests, besides the second slapd: an HTTPS webhook receiver
 * (the harness's test CA, an RSA key pair for the encrypted password, every request kept raw),
 * and a `command` script that reads the password from standard input and records what it saw.
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificates } from '../../../harness/index.ts';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  rawBody: string;
  at: number;
  /** The status the receiver answered. */
  status?: number;
}

export interface WebhookReceiver {
  url: string;
  caFile: string;
  secret: string;
  publicKeyFile: string;
  privateKeyPem: string;
  received: ReceivedRequest[];
  /** Decides the status of each request (default 200). */
  respond: (request: ReceivedRequest) => number;
  /**
   * How long the receiver works on a request before it takes effect and is answered (default 0):
   * a receiver slower than the sender's time limit applies a write the sender gave up on.
   */
  processingMs: (request: ReceivedRequest) => number;
  /** Requests in the order they took effect (after their processing time). */
  applied: ReceivedRequest[];
  close(): Promise<void>;
}

export const startWebhookReceiver = async (): Promise<WebhookReceiver> => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-webhook-'));
  const tls = makeCertificates(join(dir, 'tls'));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyFile = join(dir, 'receiver.pub.pem');
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  const received: ReceivedRequest[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    caFile: tls.caFile,
    secret: 'webhook-secret-for-tests-0123456789abcdef',
    publicKeyFile,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    received,
    respond: () => 200,
    processingMs: () => 0,
    applied: [],
    close: async () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer({ key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: ReceivedRequest = { headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      const status = receiver.respond(entry);
      entry.status = status;
      received.push(entry);
      const finish = () => {
        if (status < 300) receiver.applied.push(entry);
        // The sender may have hung up already; the effect above stands all the same.
        if (!response.destroyed) response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `refused with ${status}`);
      };
      const delay = receiver.processingMs(entry);
      if (delay > 0) setTimeout(finish, delay);
      else finish();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/passerelle`;
  return receiver;
};

export interface CommandReceiver {
  /** The script to configure as `path`. */
  path: string;
  /** Where it writes; passed to it as OUT_DIR in the target's `env`. */
  dir: string;
  /** Every call: "<sequence> <login> <exit code>" in order. */
  calls(): string[];
  /** The last password the script received for `login`. */
  passwordOf(login: string): string | undefined;
  /** What the script saw in its argv and environment, for the "never in argv or env" check. */
  argvAndEnv(login: string): string;
  /** Makes the next call(s) for `sequence` exit with `code` (75 = try again). */
  failNext(sequence: number, code: number, times?: number): void;
  /** Makes calls sleep this many seconds before writing (overlaps, killed workers). */
  setDelay(seconds: number): void;
}

export const makeCommandReceiver = (): CommandReceiver => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-command-'));
  const path = join(dir, 'set-password.sh');
  // A failure plan: one file per sequence holding "<code> <times>".
  writeFileSync(
    path,
    `#!/bin/sh
IFS= read -r password
login=$1
seq=$PASSERELLE_SEQUENCE
{ printf 'argv:'; printf ' %s' "$@"; printf '\\n'; env; } > "$OUT_DIR/$login.seen"
if [ -f "$OUT_DIR/delay" ]; then echo $$ > "$OUT_DIR/sleeping.$seq"; sleep "$(cat "$OUT_DIR/delay")"; fi
if [ -f "$OUT_DIR/fail.$seq" ]; then
  read code times < "$OUT_DIR/fail.$seq"
  if [ "$times" -le 1 ]; then rm -f "$OUT_DIR/fail.$seq"; else echo "$code $((times - 1))" > "$OUT_DIR/fail.$seq"; fi
  echo "$seq $login $code" >> "$OUT_DIR/calls"
  echo "target busy for $login" >&2
  exit "$code"
fi
printf '%s' "$password" > "$OUT_DIR/$login.password"
echo "$seq $login 0" >> "$OUT_DIR/calls"
`,
  );
  chmodSync(path, 0o755);
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);
  return {
    path,
    dir,
    calls: () => (read('calls') ?? '').split('\n').filter(Boolean),
    passwordOf: (login) => read(`${login}.password`),
    argvAndEnv: (login) => read(`${login}.seen`) ?? '',
    failNext: (sequence, code, times = 1) => writeFileSync(join(dir, `fail.${sequence}`), `${code} ${times}\n`),
    setDelay: (seconds) => writeFileSync(join(dir, 'delay'), String(seconds)),
  };
};
