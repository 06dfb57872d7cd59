/**
 * @module browser/meter/estimator-client
 * The page's side of meter-worker.js: starts the worker on demand, keeps at most one request in
 * flight per field (typing faster than the estimate only skips the intermediate values), and
 * reports whether the estimator is loading, ready or unavailable.
 */
import type { PasswordPolicy, PolicyContext, RuleResult, Strength } from '../../policy/types.ts';

export type EstimatorState = 'idle' | 'loading' | 'ready' | 'failed';

export interface EstimateRequest {
  password: string;
  policy: PasswordPolicy;
  context: PolicyContext;
}

export interface EstimateAnswer {
  rules: RuleResult[];
  strength: Strength;
}

export interface EstimatorClient {
  state(): EstimatorState;
  /** Starts the worker if it is not started yet (first focus or keystroke). */
  start(): void;
  /**
   * A channel for one field: `ask` sends the latest request; `onAnswer` receives the answer for
   * the request still current, with that request (stale answers are dropped).
   */
  channel(onAnswer: (answer: EstimateAnswer, request: EstimateRequest) => void): { ask(request: EstimateRequest): void };
}

interface ChannelState {
  seq: number;
  inFlight: EstimateRequest | undefined;
  next: EstimateRequest | undefined;
  onAnswer: (answer: EstimateAnswer, request: EstimateRequest) => void;
}

type WorkerMessage = { type: 'ready' } | ({ type: 'result'; channel: number; seq: number } & EstimateAnswer);

/** `onStateChange` runs when the worker becomes ready or fails, so fields can repaint. */
export const createEstimatorClient = (workerUrl: string, onStateChange: (state: EstimatorState) => void): EstimatorClient => {
  let state: EstimatorState = 'idle';
  let worker: Worker | undefined;
  const channels: ChannelState[] = [];

  const setState = (next: EstimatorState) => {
    state = next;
    onStateChange(next);
  };

  const send = (id: number, channel: ChannelState, request: EstimateRequest) => {
    channel.seq += 1;
    channel.inFlight = request;
    worker?.postMessage({ type: 'evaluate', channel: id, seq: channel.seq, ...request });
  };

  const receive = (message: WorkerMessage) => {
    if (message.type === 'ready') {
      setState('ready');
      return;
    }
    const channel = channels[message.channel];
    if (!channel || message.seq !== channel.seq || !channel.inFlight) return;
    const request = channel.inFlight;
    channel.inFlight = undefined;
    const queued = channel.next;
    channel.next = undefined;
    if (queued) send(message.channel, channel, queued);
    else channel.onAnswer({ rules: message.rules, strength: message.strength }, request);
  };

  return {
    state: () => state,
    start() {
      if (state !== 'idle') return;
      try {
        worker = new Worker(workerUrl, { name: 'passerelle-meter' });
      } catch {
        setState('failed');
        return;
      }
      worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => receive(event.data));
      worker.addEventListener('error', () => {
        worker?.terminate();
        setState('failed');
      });
      setState('loading');
    },
    channel(onAnswer) {
      const id = channels.length;
      const channel: ChannelState = { seq: 0, inFlight: undefined, next: undefined, onAnswer };
      channels.push(channel);
      return {
        ask(request) {
          if (state !== 'ready') return;
          if (channel.inFlight) channel.next = request;
          else send(id, channel, request);
        },
      };
    },
  };
};
