/**
 * @module sync/targets/webhook
 * `webhook` target: an HTTPS POST of a JSON event per change, signed with HMAC-SHA256 over
 * "<timestamp>.<body>" (header `Passerelle-Signature: t=<unix seconds>,v1=<hex>`). The receiver
 * refuses a timestamp more than 5 minutes off and an event id it has already processed (retries
 * of one change carry the same `Passerelle-Event-Id`). The password travels only when the target
 * says `includePassword`, and then as a compact JWE to the receiver's RSA key. 2xx = done;
 * 408, 425, 429 and 5xx = try again later; any other status = refused for good.
 */
import { createHmac, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:tls';
import { checkKnownPolicy, identityOf } from './policy-check.ts';
import { encryptCompactJwe } from './jwe.ts';
import { isPasserelleError } from '../../errors.ts';
import { isUnansweredWrite } from '../../adapters/ldap/index.ts';
import { targetError } from '../target-error.ts';
import type { TargetFactory, TargetWrite } from './types.ts';

/** HTTP statuses worth another try: the receiver is busy, restarting or asked us to slow down. */
const RETRY_STATUSES = new Set([408, 425, 429]);

/** The header value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export const signWebhook = (secret: string, body: string, timestamp: number): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** The JSON event a receiver gets. */
export interface WebhookEvent {
  type: 'password.changed';
  /** The change id: the same on every retry, so that the receiver can ignore a repeat. */
  id: string;
  target: string;
  login: string;
  sequence: number;
  changedAt: string;
  /** Compact JWE of `{"id","login","password"}`, only with includePassword. */
  password?: string;
}

const readRsaKey = (file: string): KeyObject => {
  const key = createPublicKey(readFileSync(file));
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < 2048) throw new Error(`${file}: an RSA public key of 2048 bits or more is needed`);
  return key;
};

export const createWebhookTarget: TargetFactory<'webhook'> = (config) => {
  const url = new URL(config.url);
  const ca = config.caFile ? [readFileSync(config.caFile)] : undefined;
  const publicKey = config.includePassword && config.publicKeyFile ? readRsaKey(config.publicKeyFile) : undefined;

  const eventOf = (write: TargetWrite): WebhookEvent => ({
    type: 'password.changed',
    id: write.changeId,
    target: config.name,
    login: write.login,
    sequence: write.sequence,
    changedAt: write.changedAt.toISOString(),
    ...(publicKey ? { password: encryptCompactJwe(JSON.stringify({ id: write.changeId, login: write.login, password: write.password }), publicKey, config.keyId) } : {}),
  });

  const post = (body: string, eventId: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        ...(ca ? { ca } : {}),
        timeout: config.timeoutMs,
        headers: {
          ...config.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Passerelle-Sync/1',
          'passerelle-event-id': eventId,
          'passerelle-signature': signWebhook(config.secret, body, Math.floor(Date.now() / 1000)),
        },
      });
      req.on('timeout', () => req.destroy(targetError('timeout', `no answer from ${url.host} within ${config.timeoutMs} ms`)));
      req.on('error', reject);
      req.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, 200) }));
        response.on('error', reject);
      });
      req.end(body);
    });

  return {
    name: config.name,
    kind: 'webhook',
    timeoutMs: config.timeoutMs + 1000,
    async apply(write) {
      let answer: { status: number; text: string };
      try {
        answer = await post(JSON.stringify(eventOf(write)), write.changeId);
      } catch (error) {
        if (isPasserelleError(error)) throw error;
        // Sent and cut (reset, hang-up) may have been received; refused or unresolved was not.
        throw targetError('unavailable', `POST ${url.host}: ${(error as Error).message}`, { cause: error, inDoubt: isUnansweredWrite(error) });
      }
      const said = answer.text.replace(/\s+/g, ' ').trim();
      if (answer.status >= 200 && answer.status < 300) return;
      const message = `POST ${url.host}: HTTP ${answer.status}${said ? ` ${said}` : ''}`;
      if (answer.status >= 500 || RETRY_STATUSES.has(answer.status)) throw targetError('unavailable', message);
      throw targetError(answer.status === 401 || answer.status === 403 ? 'rights' : answer.status === 422 ? 'policy' : 'refused', message);
    },
    precheck: async (password, person) => checkKnownPolicy(password, config.policy, person, identityOf(config)),
    /** A TLS handshake with the receiver: reachable, certificate valid; no event is sent. */
    ping: () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: url.hostname, ...(ca ? { ca } : {}), timeout: config.timeoutMs });
        socket.once('secureConnect', () => {
          socket.end();
          resolve();
        });
        socket.once('timeout', () => socket.destroy(new Error('timeout')));
        socket.once('error', (error) => reject(targetError('unavailable', `TLS to ${url.host}: ${error.message}`)));
      }),
    close: async () => undefined,
  };
};
