/**
 * @module test/integration/support/app
 * Builds the real web runtime (compose.ts) on a test config, with every log line captured so that
 * tests can assert what was (and was not) logged, and small helpers to call the app in-process.
 */
import { Writable } from 'node:stream';
import { onTestFinished } from 'vitest';
import { composeWeb, type WebRuntime } from '../../../src/compose/web.ts';
import type { Config } from '../../../src/config/schema.ts';
import { createLogger } from '../../../src/lib/logger.ts';
import { waitReady } from '../../../src/adapters/redis/connection.ts';
import { createThreadPoolEstimator } from '../../../src/adapters/estimator/thread-pool.ts';
import type { PasswordEstimatorPort } from '../../../src/ports/password-estimator.ts';

/**
 * One estimator thread per test process, shared by every app it builds: each thread builds the
 * dictionaries (0.5–3 s of CPU), which forty apps would otherwise pay forty times.
 */
let estimator: PasswordEstimatorPort | undefined;
const sharedEstimator = () => (estimator ??= createThreadPoolEstimator({ threads: 1, logger: createLogger({ level: 'silent' }) }));

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

export interface TestApp {
  runtime: WebRuntime;
  config: Config;
  /** Every JSON log line written so far. */
  logs: string[];
  /** POST JSON to the API (with the test API key unless `apiKey: false`). */
  postJson(path: string, body: unknown, options?: { apiKey?: boolean; headers?: Record<string, string> }): Promise<Response>;
  /** POST a urlencoded form as a same-origin browser would. */
  postForm(path: string, fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** A fresh image captcha and its answer (the test hook), as a form would carry them. */
  solvedCaptcha(): Promise<{ captchaId: string; captchaAnswer: string }>;
  close(): Promise<void>;
}

/** A writable that keeps pino's lines. */
const capture = (lines: string[]) =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });

/** Starts the runtime; closed automatically at the end of the test that made it, unless `keep`. */
export const makeApp = async (config: Config, options: { keep?: boolean } = {}): Promise<TestApp> => {
  process.env.NODE_ENV = 'test';
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug' }, capture(logs));
  const withKey: Config = { ...config, server: { ...config.server, apiKeys: [...config.server.apiKeys, { name: 'tests', key: TEST_API_KEY }] } };
  const runtime = composeWeb(withKey, logger, { estimator: sharedEstimator() });
  // Fault tests point at a stopped Redis on purpose: then there is nothing to wait for.
  await waitReady(runtime.redis, 3000).catch(() => undefined);
  const origin = 'http://127.0.0.1';
  const app: TestApp = {
    runtime,
    config: withKey,
    logs,
    postJson: async (path, body, { apiKey = true, headers = {} } = {}) =>
      runtime.app.request(`${origin}${path}`, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': TEST_API_KEY } : {}), ...headers },
      }),
    postForm: async (path, fields, headers = {}) =>
      runtime.app.request(`${origin}${path}`, {
        method: 'POST',
        body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'sec-fetch-site': 'same-origin', ...headers },
      }),
    get: async (path, headers = {}) => runtime.app.request(`${origin}${path}`, { headers }),
    async solvedCaptcha() {
      const challenge = await runtime.services.captcha.create();
      const answer = runtime.services.captchaAnswerForTests?.(challenge.id);
      if (!answer) throw new Error('the test config must enable captcha.testHook');
      return { captchaId: challenge.id, captchaAnswer: answer };
    },
    close: () => runtime.close(),
  };
  if (!options.keep) onTestFinished(() => app.close());
  return app;
};

/** Every secret given must be absent from every captured log line (in clear, base64 or hex). */
export const expectNoSecretInLogs = (logs: string[], secrets: string[]) => {
  const forms = secrets.flatMap((secret) => [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]);
  const leaks = logs.filter((line) => forms.some((form) => line.includes(form)));
  if (leaks.length > 0) throw new Error(`secret found in ${leaks.length} log line(s):\n${leaks.slice(0, 3).join('\n')}`);
};
