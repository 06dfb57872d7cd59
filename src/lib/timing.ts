/**
 * @module lib/timing
 * Makes failures take a fixed minimum time, so that an unknown login (no bind) and a wrong
 * password (a bind) cannot be told apart by how long the answer takes.
 */
import { randomInt } from 'node:crypto';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Up to this much is added to each floor at random. Two failures whose floors end in the same
 * millisecond were otherwise answered in an order that depended on which kind each was (the
 * paired enumeration test once saw 300 of 500 pairs in the same order): the jitter makes the
 * order a coin toss.
 */
const JITTER_MICROSECONDS = 2000;

/**
 * Resolves once `deadline` (a performance.now() instant) has passed. A timer alone may fire up to
 * a millisecond early (Node counts from the event loop's cached clock, which lags while a tick
 * runs, measured: half the padded failures ended before their floor), so the clock is read again.
 */
const sleepUntil = async (deadline: number): Promise<void> => {
  for (let left = deadline - performance.now(); left > 0; left = deadline - performance.now()) {
    await (left >= 1 ? sleep(left) : new Promise<void>((resolve) => setImmediate(resolve)));
  }
};

/**
 * Runs `work`; if it throws, waits until `floorMs` (plus up to 2 ms at random) have passed since
 * the start before rethrowing. Successes are not delayed.
 */
export const withFailureFloor = async <T>(floorMs: number, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } catch (error) {
    await sleepUntil(started + floorMs + randomInt(JITTER_MICROSECONDS) / 1000);
    throw error;
  }
};
