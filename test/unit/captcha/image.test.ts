/**
 * The image captcha as a form sees it: one try per image, forgiving about case and spaces, and a
 * store that never holds the text shown.
 */
import { describe, expect, it } from 'vitest';
import { createImageCaptcha } from '../../../src/adapters/captcha/image.ts';
import { PasserelleError } from '../../../src/errors.ts';
import { createFakeRedis } from './fake-redis.ts';

const setup = (overrides: { ttlSeconds?: number; testHook?: boolean } = {}) => {
  let time = Date.UTC(2026, 10, 25, 9, 0, 0);
  const now = () => time;
  const redis = createFakeRedis(now);
  const captcha = createImageCaptcha({
    redis,
    keyPrefix: 'pfx',
    hmacKey: 'a server secret of the test',
    ttlSeconds: overrides.ttlSeconds ?? 600,
    length: 5,
    testHook: overrides.testHook ?? true,
    now,
  });
  const answerOf = (id: string) => {
    const answer = captcha.answerForTests?.(id);
    if (answer === undefined) throw new Error(`no answer kept for ${id}`);
    return answer;
  };
  return { captcha, redis, answerOf, advance: (ms: number) => (time += ms) };
};

describe('image captcha', () => {
  it('gives a 22-character id and an SVG image, and stores it under <prefix>:captcha:<id> for the TTL', async () => {
    const { captcha, redis } = setup();
    const challenge = await captcha.create();
    expect(challenge.kind).toBe('image');
    expect(challenge.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(challenge.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
    expect([...redis.dump().keys()]).toEqual([`pfx:captcha:${challenge.id}`]);
    expect(redis.ttl(`pfx:captcha:${challenge.id}`)).toBe(600);
  });

  it('accepts the right answer once, in any case and with surrounding spaces', async () => {
    const { captcha, answerOf } = setup();
    const { id } = await captcha.create();
    const answer = answerOf(id);
    expect(await captcha.verify(id, `  ${answer.toLowerCase()} \t`)).toBe(true);
    expect(await captcha.verify(id, answer)).toBe(false);
  });

  it('uses the challenge up on a wrong answer, so the right one is refused afterwards', async () => {
    const { captcha, answerOf } = setup();
    const { id } = await captcha.create();
    const answer = answerOf(id);
    expect(await captcha.verify(id, `${answer}X`)).toBe(false);
    expect(await captcha.verify(id, answer)).toBe(false);
  });

  it('does not accept the answer of one image for another', async () => {
    const { captcha, answerOf } = setup();
    const first = await captcha.create();
    let second = await captcha.create();
    while (answerOf(second.id) === answerOf(first.id)) second = await captcha.create();
    expect(await captcha.verify(second.id, answerOf(first.id))).toBe(false);
  });

  it('refuses an answer after the TTL', async () => {
    const { captcha, answerOf, advance } = setup({ ttlSeconds: 1 });
    const { id } = await captcha.create();
    const answer = answerOf(id);
    advance(1001);
    expect(await captcha.verify(id, answer)).toBe(false);
  });

  it('refuses unknown and malformed ids, and does not send malformed ones to Redis', async () => {
    const { captcha, redis } = setup();
    expect(await captcha.verify('AAAAAAAAAAAAAAAAAAAAAA', 'ACEFH')).toBe(false);
    redis.calls.length = 0;
    for (const id of ['', 'short', 'x'.repeat(23), 'AAAAAAAAAAAAAAAAAAAA*:', '../../../../etc/passwd']) {
      expect(await captcha.verify(id, 'ACEFH')).toBe(false);
    }
    expect(redis.calls).toEqual([]);
  });

  it('keeps in Redis a keyed hash only: neither the text nor its lower-case form', async () => {
    const { captcha, redis, answerOf } = setup();
    const challenges = await Promise.all(Array.from({ length: 20 }, () => captcha.create()));
    for (const { id } of challenges) {
      const value = redis.dump().get(`pfx:captcha:${id}`) ?? '';
      const answer = answerOf(id);
      expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/); // base64url of 32 bytes
      expect(value.toUpperCase()).not.toContain(answer);
    }
  });

  it('turns a Redis failure into `unavailable` (503), on create and on verify', async () => {
    const { captcha, redis } = setup();
    const { id } = await captcha.create();
    redis.down = true;
    await expect(captcha.create()).rejects.toMatchObject({ code: 'unavailable', retry: true });
    const failure = await captcha.verify(id, 'ACEFH').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PasserelleError);
    expect(failure).toMatchObject({ code: 'unavailable' });
    expect(JSON.stringify((failure as PasserelleError).context)).not.toContain('ACEFH');
  });

  describe('test hook', () => {
    it('is absent unless asked for', async () => {
      const { captcha } = setup({ testHook: false });
      expect(captcha.answerForTests).toBeUndefined();
    });

    it('gives the answer of a live challenge, and forgets it once used or expired', async () => {
      const { captcha, advance } = setup({ ttlSeconds: 60 });
      const used = await captcha.create();
      const expiring = await captcha.create();
      const answer = captcha.answerForTests?.(used.id);
      expect(answer).toMatch(/^[A-Z0-9]{5}$/);
      await captcha.verify(used.id, answer ?? '');
      expect(captcha.answerForTests?.(used.id)).toBeUndefined();
      expect(captcha.answerForTests?.(expiring.id)).toBeDefined();
      advance(60_000);
      expect(captcha.answerForTests?.(expiring.id)).toBeUndefined();
    });
  });
});
