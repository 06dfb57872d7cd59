/**
 * The Altcha captcha as an integrator sees it: a payload solved the way the widget solves it
 * verifies once; replays, forgeries, other servers' challenges and expired ones are refused.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { describe, expect, it } from 'vitest';
import { createAltchaCaptcha } from '../../../src/adapters/captcha/altcha.ts';
import type { AltchaChallenge } from '../../../src/ports/captcha.ts';
import { createFakeRedis } from './fake-redis.ts';

const setup = (options: { hmacKey?: string; now?: () => number; redis?: ReturnType<typeof createFakeRedis> } = {}) => {
  const redis = options.redis ?? createFakeRedis();
  const captcha = createAltchaCaptcha({
    redis,
    keyPrefix: 'pfx',
    hmacKey: options.hmacKey ?? 'a server secret of the test',
    ttlSeconds: 600,
    maxNumber: 2000,
    ...(options.now ? { now: options.now } : {}),
  });
  return { captcha, redis };
};

/** What the widget posts: base64 of `{ challenge, solution }`. */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

const solve = async (challenge: AltchaChallenge) => {
  const solution = await solveChallenge({ challenge: challenge as unknown as Challenge, deriveKey });
  if (!solution) throw new Error('altcha-lib found no solution');
  return { challenge, solution, payload: encode({ challenge, solution }) };
};

describe('altcha captcha', () => {
  it('makes a signed SHA-256 challenge that expires with the TTL and holds no solution', async () => {
    const { captcha } = setup();
    const before = Math.floor(Date.now() / 1000);
    const { kind, id, challenge } = await captcha.create();
    expect(kind).toBe('altcha');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters).toMatchObject({ algorithm: 'SHA-256', cost: 1, data: { id } });
    expect(challenge.parameters.expiresAt).toBeGreaterThanOrEqual(before + 600);
    expect(challenge.parameters.expiresAt).toBeLessThanOrEqual(before + 601);
    const { solution } = await solve(challenge);
    // No field holds the counter (a substring test failed once: « 39 » inside a random hex salt).
    const leaves = (value: unknown): unknown[] => (value !== null && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [value]);
    expect(leaves(challenge)).not.toContain(solution.counter);
    expect(leaves(challenge)).not.toContain(String(solution.counter));
    expect(JSON.stringify(challenge)).not.toContain(solution.derivedKey);
  });

  it('verifies a solved payload once, then refuses the replay', async () => {
    const { captcha, redis } = setup();
    const { challenge } = await captcha.create();
    const { payload } = await solve(challenge);
    expect(await captcha.verify('', payload)).toBe(true);
    expect(await captcha.verify('', payload)).toBe(false);
    expect([...redis.dump().keys()]).toEqual([`pfx:captcha:altcha:${challenge.signature}`]);
  });

  it('uses a challenge up on a wrong solution', async () => {
    const { captcha } = setup();
    const { challenge } = await captcha.create();
    const { solution } = await solve(challenge);
    // The derived key is the proof (the counter only helps find it): a wrong key is a wrong answer.
    const wrong = { ...solution, derivedKey: solution.derivedKey.replace(/.$/, (c) => (c === '0' ? '1' : '0')) };
    expect(await captcha.verify('', encode({ challenge, solution: wrong }))).toBe(false);
    expect(await captcha.verify('', encode({ challenge, solution }))).toBe(false);
  });

  it('refuses tampered payloads and records nothing for them', async () => {
    const { captcha, redis } = setup();
    const { challenge } = await captcha.create();
    const { solution } = await solve(challenge);
    const later = Number(challenge.parameters.expiresAt) + 86_400;
    const tampered = [
      { challenge: { ...challenge, parameters: { ...challenge.parameters, expiresAt: later } }, solution },
      { challenge: { ...challenge, parameters: { ...challenge.parameters, keyPrefix: '00' } }, solution },
      { challenge: { ...challenge, signature: challenge.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, solution },
      { challenge: { parameters: challenge.parameters }, solution },
    ];
    for (const payload of tampered) expect(await captcha.verify('', encode(payload))).toBe(false);
    expect(redis.dump().size).toBe(0);
    // The genuine payload is still good: forgeries did not use it up.
    expect(await captcha.verify('', encode({ challenge, solution }))).toBe(true);
  });

  it('refuses what is not a payload at all, including the widget’s test-mode payload', async () => {
    const { captcha } = setup();
    for (const answer of ['', 'ACEFH', 'not base64 !', encode({ challenge: null, solution: null, test: true }), encode([]), 'A'.repeat(10_000)]) {
      expect(await captcha.verify('', answer)).toBe(false);
    }
  });

  it('refuses a challenge signed by another server', async () => {
    const other = setup({ hmacKey: 'another server' });
    const { captcha } = setup();
    const { challenge } = await other.captcha.create();
    const { payload } = await solve(challenge);
    expect(await captcha.verify('', payload)).toBe(false);
  });

  it('refuses an expired challenge', async () => {
    const { captcha } = setup({ now: () => Date.now() - 601_000 });
    const { challenge } = await captcha.create();
    const { payload } = await solve(challenge);
    expect(await captcha.verify('', payload)).toBe(false);
  });

  it('turns a Redis failure into `unavailable` when recording the use', async () => {
    const redis = createFakeRedis();
    const { captcha } = setup({ redis });
    const { challenge } = await captcha.create();
    const { payload } = await solve(challenge);
    redis.down = true;
    await expect(captcha.verify('', payload)).rejects.toMatchObject({ code: 'unavailable' });
  });
});
