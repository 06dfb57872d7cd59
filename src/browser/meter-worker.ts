/**
 * @module browser/meter-worker
 * The meter's estimator, in a Web Worker started by meter.js (served as /static/js/meter-worker.js,
 * allowed by `worker-src 'self'`): zxcvbn-ts with its French, English and common dictionaries is
 * about 2.3 MB to parse and ≈ 0.5–1.5 s to set up, which would freeze typing on the page itself.
 * Same `evaluatePassword` as the server. It only answers the page; it opens no connection.
 *
 * Protocol: posts `{ type: 'ready' }` once set up; answers `{ type: 'evaluate', channel, seq,
 * password, policy, context }` with `{ type: 'result', channel, seq, rules, strength }`.
 */
import { evaluatePassword, warmUpPolicy } from '../policy/evaluate.ts';
import type { PasswordPolicy, PolicyContext } from '../policy/types.ts';

interface EvaluateMessage {
  type: 'evaluate';
  channel: number;
  seq: number;
  password: string;
  policy: PasswordPolicy;
  context: PolicyContext;
}

/** The worker's global scope, typed narrowly (the project's DOM lib types `self` as a Window). */
const scope = self as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EvaluateMessage>) => void): void;
};

warmUpPolicy();
scope.postMessage({ type: 'ready' });

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message?.type !== 'evaluate') return;
  const { rules, strength } = evaluatePassword(message.password, message.policy, message.context);
  scope.postMessage({ type: 'result', channel: message.channel, seq: message.seq, rules, strength });
});
