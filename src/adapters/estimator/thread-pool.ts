/**
 * @module adapters/estimator/thread-pool
 * The password estimator on worker threads: each thread builds the dictionaries once and answers
 * analyses in turn; requests go to the thread with the fewest in flight. A thread that dies is
 * replaced, and what it had in flight is refused with `internal` (never lost silently).
 */
import { Worker } from 'node:worker_threads';
import { PasserelleError } from '../../errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { DictionaryVerdict, PasswordEstimatorPort } from '../../ports/password-estimator.ts';
import type { StrengthLevel } from '../../policy/types.ts';
import type { AnalyseReply } from './estimator-thread.ts';

/** The thread's file: the TypeScript source in development, its bundle in dist/server/ in production. */
const threadUrl = () => new URL(`./estimator-thread.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

interface Pending {
  resolve: (verdict: DictionaryVerdict) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Promise<void>;
}

export const createThreadPoolEstimator = (options: { threads: number; logger: Logger }): PasswordEstimatorPort => {
  const log = options.logger.child({ component: 'estimator' });
  let nextId = 0;
  let closing = false;

  const spawn = (): Thread => {
    const worker = new Worker(threadUrl());
    // An idle estimator never keeps a process alive on its own (the HTTP server does that).
    worker.unref();
    const pending = new Map<number, Pending>();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    ready.catch(() => undefined);
    worker.on('message', (reply: AnalyseReply | { ready: true }) => {
      if ('ready' in reply) return;
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve({ strength: { score: reply.strength.score, level: reply.strength.level as StrengthLevel }, common: reply.common });
      else waiting.reject(new PasserelleError('internal', 'Password analysis failed', { context: { reason: reply.error } }));
    });
    worker.on('error', (error) => log.error({ err: error }, 'estimator thread failed'));
    worker.on('exit', (code) => {
      for (const waiting of pending.values()) waiting.reject(new PasserelleError('internal', 'Password analysis interrupted', { context: { code } }));
      pending.clear();
      const index = threads.indexOf(thread);
      if (!closing && index >= 0) {
        log.warn({ code }, 'estimator thread exited; starting another');
        threads[index] = spawn();
      }
    });
    const thread: Thread = { worker, pending, ready };
    return thread;
  };

  const threads: Thread[] = Array.from({ length: Math.max(1, options.threads) }, spawn);

  return {
    async analyse(password, userInputs) {
      const thread = threads.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
      await thread.ready;
      const id = (nextId += 1);
      return new Promise<DictionaryVerdict>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, password, userInputs: [...userInputs] });
      });
    },
    async close() {
      closing = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    },
  };
};
