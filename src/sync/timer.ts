/**
 * @module sync/timer
 * A periodic task that never overlaps itself and never throws out of its timer: the recovery
 * sweep and the deadline watch run on it.
 */
import type { Logger } from '../lib/logger.ts';

export interface Periodic {
  /** Runs once now, then every `intervalMs`. */
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export const periodic = (name: string, intervalMs: number, run: () => Promise<unknown>, logger: Logger): Periodic => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = run()
      .catch((error: unknown) => logger.warn({ err: error, task: name }, 'periodic task failed; next run will try again'))
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start() {
      stopped = false;
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
};
