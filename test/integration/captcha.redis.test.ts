/**
 * Both captcha adapters against a real Redis (a private instance from the harness, since one test
 * stops it): single use, expiry, nothing readable in Redis, and a clean 503 when Redis is down.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptcha } from '../../src/adapters/captcha/index.ts';
import { createRedis, waitReady } from '../../src/adapters/redis/connection.ts';
import type { Config } from '../../src/config/schema.ts';
import { captchaSection } from '../../src/config/flows.ts';
import type { AltchaChallenge } from '../../src/ports/captcha.ts';
import { startRedis, type RedisHandle } from '../harness/redis.ts';

let server: RedisHandle;
let redis: Redis;
const keyPrefix = 'passerelle-captcha-test';
const hmacKey = 'integration test secret';

const captchaConfig = (overrides: Partial<Config['captcha']> = {}) => captchaSection.parse({ testHook: true, ...overrides });
const imageCaptcha = (overrides: Partial<Config['captcha']> = {}) => createCaptcha(captchaConfig(overrides), { redis, keyPrefix, hmacKey });

const answerOf = (captcha: ReturnType<typeof imageCaptcha>, id: string) => {
  const answer = captcha.answerForTests?.(id);
  if (!answer) throw new Error(`no answer kept for ${id}`);
  return answer;
};

/** Every key and every string value in the instance. */
const everything = async () => {
  const entries: { key: string; value: string }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) entries.push({ key, value: (await redis.type(key)) === 'string' ? ((await redis.get(key)) ?? '') : `(${await redis.type(key)})` });
  } while (cursor !== '0');
  return entries;
};

const solvedPayload = async (challenge: AltchaChallenge) => {
  const solution = await solveChallenge({ challenge: challenge as unknown as Challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
};

beforeAll(async () => {
  server = await startRedis();
  // The web client, as compose.ts makes it: no offline queue, short command timeout.
  redis = createRedis({ url: server.url, keyPrefix, commandTimeoutMs: 500 }, 'web');
  await waitReady(redis);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.destroy();
});

describe('image captcha on Redis', () => {
  it('accepts the right answer once, whatever its case and surrounding spaces', async () => {
    const captcha = imageCaptcha();
    const { id } = await captcha.create();
    const answer = answerOf(captcha, id);
    expect(await captcha.verify(id, ` ${answer.toLowerCase()}  `)).toBe(true);
    expect(await captcha.verify(id, answer)).toBe(false);
    expect(await redis.exists(`${keyPrefix}:captcha:${id}`)).toBe(0);
  });

  it('uses the challenge up on a wrong answer', async () => {
    const captcha = imageCaptcha();
    const { id } = await captcha.create();
    const answer = answerOf(captcha, id);
    expect(await captcha.verify(id, 'WRONG')).toBe(false);
    expect(await captcha.verify(id, answer)).toBe(false);
  });

  it('lets only one of two simultaneous right answers through', async () => {
    const captcha = imageCaptcha();
    const { id } = await captcha.create();
    const answer = answerOf(captcha, id);
    const results = await Promise.all(Array.from({ length: 10 }, () => captcha.verify(id, answer)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('expires with the TTL (1 s)', async () => {
    const captcha = imageCaptcha({ ttlSeconds: 1 });
    const { id } = await captcha.create();
    const answer = answerOf(captcha, id);
    const ttl = await redis.pttl(`${keyPrefix}:captcha:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
    await sleep(1300);
    expect(await captcha.verify(id, answer)).toBe(false);
  });
});

describe('altcha captcha on Redis', () => {
  const altcha = () => createCaptcha(captchaConfig({ kind: 'altcha', altchaMaxNumber: 5000 }), { redis, keyPrefix, hmacKey });

  it('verifies a payload solved with altcha-lib once, then refuses the replay', async () => {
    const captcha = altcha();
    const challenge = await captcha.create();
    if (challenge.kind !== 'altcha') throw new Error('expected an altcha challenge');
    const payload = await solvedPayload(challenge.challenge);
    expect(await captcha.verify(challenge.id, payload)).toBe(true);
    expect(await captcha.verify(challenge.id, payload)).toBe(false);
    const used = `${keyPrefix}:captcha:altcha:${challenge.challenge.signature}`;
    expect(await redis.ttl(used)).toBeGreaterThan(590);
  });

  it('refuses a tampered payload', async () => {
    const captcha = altcha();
    const challenge = await captcha.create();
    if (challenge.kind !== 'altcha') throw new Error('expected an altcha challenge');
    const payload = JSON.parse(Buffer.from(await solvedPayload(challenge.challenge), 'base64').toString()) as {
      challenge: AltchaChallenge;
    };
    payload.challenge.parameters.expiresAt = Number(payload.challenge.parameters.expiresAt) + 3600;
    expect(await captcha.verify(challenge.id, Buffer.from(JSON.stringify(payload)).toString('base64'))).toBe(false);
  });
});

describe('what Redis holds', () => {
  it('never a clear answer: every key and value scanned', async () => {
    const captcha = imageCaptcha();
    const challenges = await Promise.all(Array.from({ length: 30 }, () => captcha.create()));
    const answers = challenges.map(({ id }) => answerOf(captcha, id));
    // An altcha challenge used up, so that its record is scanned too (its solution is the answer).
    const altcha = createCaptcha(captchaConfig({ kind: 'altcha', altchaMaxNumber: 5000 }), { redis, keyPrefix, hmacKey });
    const challenge = await altcha.create();
    if (challenge.kind !== 'altcha') throw new Error('expected an altcha challenge');
    const payload = await solvedPayload(challenge.challenge);
    expect(await altcha.verify(challenge.id, payload)).toBe(true);
    const { solution } = JSON.parse(Buffer.from(payload, 'base64').toString()) as { solution: { derivedKey: string } };
    answers.push(solution.derivedKey.toUpperCase());
    const stored = await everything();
    expect(stored.length).toBeGreaterThanOrEqual(30);
    for (const { key, value } of stored) {
      expect(key.startsWith(`${keyPrefix}:captcha:`)).toBe(true);
      for (const answer of answers) {
        expect(key.toUpperCase()).not.toContain(answer);
        expect(value.toUpperCase()).not.toContain(answer);
      }
    }
  });
});

describe('Redis down', () => {
  it('answers `unavailable` on create and verify, and works again once Redis is back', async () => {
    const captcha = imageCaptcha();
    const { id } = await captcha.create();
    const answer = answerOf(captcha, id);
    await server.stop();
    try {
      await expect(captcha.create()).rejects.toMatchObject({ name: 'PasserelleError', code: 'unavailable' });
      await expect(captcha.verify(id, answer)).rejects.toMatchObject({ code: 'unavailable' });
    } finally {
      await server.start();
    }
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe('ready');
    const again = await captcha.create();
    expect(await captcha.verify(again.id, answerOf(captcha, again.id))).toBe(true);
  });
});
