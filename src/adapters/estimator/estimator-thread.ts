/**
 * @module adapters/estimator/estimator-thread
 * The worker thread that holds zxcvbn's dictionaries and answers one analysis per message, so that
 * the request thread neither pays their memory nor stalls on their CPU and garbage collection.
 */
import { parentPort } from 'node:worker_threads';
import { isCommonPassword } from '../../policy/common.ts';
import { warmUpPolicy } from '../../policy/evaluate.ts';
import { analysePassword } from '../../policy/strength.ts';

export interface AnalyseRequest {
  id: number;
  password: string;
  userInputs: string[];
}

export type AnalyseReply =
  | { id: number; ok: true; strength: { score: number; level: number }; common: boolean }
  | { id: number; ok: false; error: string };

warmUpPolicy();
parentPort?.postMessage({ ready: true });
parentPort?.on('message', ({ id, password, userInputs }: AnalyseRequest) => {
  try {
    const analysis = analysePassword(password, userInputs);
    const reply: AnalyseReply = { id, ok: true, strength: analysis.strength, common: isCommonPassword(password, analysis) };
    parentPort?.postMessage(reply);
  } catch (error) {
    // Never the password: only what went wrong.
    parentPort?.postMessage({ id, ok: false, error: error instanceof Error ? error.message : 'analysis failed' } satisfies AnalyseReply);
  }
});
