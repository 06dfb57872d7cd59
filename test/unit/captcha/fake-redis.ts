/**
 * @module test/unit/captcha/fake-redis
 * The two Redis commands the captcha adapters use (SET with EX/NX, GETDEL), in memory, with an
 * adjustable clock for expiry and a switch that makes every command fail as a dead server would.
 */

export interface FakeRedis {
  set(key: string, value: string, ...options: (string | number)[]): Promise<'OK' | null>;
  getdel(key: string): Promise<string | null>;
  /** What is stored now (expired entries dropped): key → value. */
  dump(): Map<string, string>;
  /** Seconds left for a key, or -2 when absent (as TTL answers). */
  ttl(key: string): number;
  /** Commands received, in order (name and key only). */
  calls: string[];
  down: boolean;
}

export const createFakeRedis = (now: () => number = Date.now): FakeRedis => {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entries.get(key);
  };
  const fail = () => Promise.reject(new Error('Connection is closed.'));
  const fake: FakeRedis = {
    calls: [],
    down: false,
    async set(key, value, ...options) {
      fake.calls.push(`set ${key}`);
      if (fake.down) return fail();
      const ex = options.indexOf('EX');
      const seconds = ex >= 0 ? Number(options[ex + 1]) : Infinity;
      if (options.includes('NX') && live(key)) return null;
      entries.set(key, { value, expiresAt: now() + seconds * 1000 });
      return 'OK';
    },
    async getdel(key) {
      fake.calls.push(`getdel ${key}`);
      if (fake.down) return fail();
      const entry = live(key);
      entries.delete(key);
      return entry?.value ?? null;
    },
    dump() {
      for (const key of [...entries.keys()]) live(key);
      return new Map([...entries].map(([key, entry]) => [key, entry.value]));
    },
    ttl(key) {
      const entry = live(key);
      return entry ? Math.ceil((entry.expiresAt - now()) / 1000) : -2;
    },
  };
  return fake;
};
