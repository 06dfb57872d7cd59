/**
 * @module lib/timing
 * Makes failures take a fixed minimum time, so that an unknown login (no bind) and a wrong
 * password (a bind) cannot be told apart by how long the answer takes.
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work`; if it throws, waits until `floorMs` have passed since the start before rethrowing.
 * Successes are not delayed.
 */
export const withFailureFloor = async <T>(floorMs: number, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } catch (error) {
    const remaining = floorMs - (performance.now() - started);
    if (remaining > 0) await sleep(remaining);
    throw error;
  }
};
