/**
 * The failure floor: a failed credential check never answers before the floor, whatever the
 * event loop was doing, and a success is not held back.
 */
import { describe, expect, it } from 'vitest';
import { withFailureFloor } from '../../../src/lib/timing.ts';

/** Keeps the thread busy, as parsing a directory answer does, so that the loop's clock lags. */
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('withFailureFloor', () => {
  it('rethrows the very error, never before the floor, even after a busy tick', async () => {
    const floorMs = 15;
    for (let i = 0; i < 20; i += 1) {
      const failure = new Error(`refused ${i}`);
      const started = performance.now();
      const outcome = await withFailureFloor(floorMs, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        busy(i % 4);
        throw failure;
      }).catch((error: unknown) => error);
      expect(outcome).toBe(failure);
      expect(performance.now() - started).toBeGreaterThanOrEqual(floorMs);
    }
  });

  it('answers a success as soon as it is ready', async () => {
    const started = performance.now();
    await expect(withFailureFloor(1000, async () => 'ok')).resolves.toBe('ok');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
