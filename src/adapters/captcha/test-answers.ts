/**
 * @module adapters/captcha/test-answers
 * TESTS ONLY: the clear answers of recent image captchas, kept in this process's memory (never in
 * Redis) so that browser tests can solve them. Bounded in size and in time.
 */

/** Remembered answers; `get` returns undefined once an answer expired or was used. */
export interface TestAnswers {
  remember(id: string, answer: string): void;
  get(id: string): string | undefined;
  forget(id: string): void;
  readonly size: number;
}

export interface TestAnswersOptions {
  /** How long an answer is kept, in milliseconds (the captcha's own TTL). */
  ttlMs: number;
  /** At most this many answers; the oldest go first. */
  max?: number;
  now?: () => number;
}

/**
 * A bounded map with expiry.
 * @example const answers = createTestAnswers({ ttlMs: 600_000 }); answers.remember(id, 'K7MXA');
 */
export const createTestAnswers = ({ ttlMs, max = 1000, now = Date.now }: TestAnswersOptions): TestAnswers => {
  // Map keeps insertion order, so the first entries are the oldest.
  const entries = new Map<string, { answer: string; expiresAt: number }>();

  const prune = () => {
    const time = now();
    for (const [id, entry] of entries) {
      if (entry.expiresAt > time && entries.size < max) break;
      entries.delete(id);
    }
  };

  return {
    remember(id, answer) {
      prune();
      entries.set(id, { answer, expiresAt: now() + ttlMs });
    },
    get(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(id);
        return undefined;
      }
      return entry.answer;
    },
    forget(id) {
      entries.delete(id);
    },
    get size() {
      return entries.size;
    },
  };
};
