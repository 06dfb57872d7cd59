/**
 * The test hook's memory stays small: bounded in count and in time.
 */
import { describe, expect, it } from 'vitest';
import { createTestAnswers } from '../../../src/adapters/captcha/test-answers.ts';

describe('test answers memory', () => {
  it('keeps at most `max` answers, dropping the oldest first', () => {
    const answers = createTestAnswers({ ttlMs: 60_000, max: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) answers.remember(id, id.toUpperCase());
    expect(answers.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => answers.get(id))).toEqual([undefined, undefined, 'C', 'D', 'E']);
  });

  it('drops expired answers when new ones come in', () => {
    let time = 0;
    const answers = createTestAnswers({ ttlMs: 1000, max: 100, now: () => time });
    for (let i = 0; i < 50; i++) answers.remember(`old${i}`, 'X');
    time = 1000;
    answers.remember('new', 'Y');
    expect(answers.size).toBe(1);
    expect(answers.get('new')).toBe('Y');
  });
});
