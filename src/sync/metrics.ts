/**
 * @module sync/metrics
 * The sync engine's Prometheus metrics, on prom-client's default registry (served at /metrics by
 * the web process, and by `passerelle worker` on `sync.workerMetrics`). Labels are target names
 * and outcome words only: never a login, never anything derived from a password.
 */
import { Counter, Gauge, Histogram } from 'prom-client';

/** Per target, what the queue holds right now and how old its oldest pending change is. */
export interface QueueSnapshot {
  target: string;
  counts: Record<'waiting' | 'delayed' | 'active' | 'failed', number>;
  /** Seconds since the oldest change still pending on this target was accepted; 0 when none. */
  oldestPendingSeconds: number;
  /** Pending changes past the warning point / past the promised deadline. */
  late: { warning: number; missed: number };
}

/** One per sync runtime in this process (normally one; tests build several). */
const snapshotSources = new Set<() => Promise<QueueSnapshot[]>>();
let lastSnapshot: Promise<QueueSnapshot[]> | undefined;

/**
 * Reads the queues once per scrape, for the three gauges below; a failing read (Redis down)
 * leaves the previous values rather than failing the whole scrape.
 */
const snapshot = (): Promise<QueueSnapshot[]> => {
  if (!lastSnapshot) {
    const reading = Promise.all([...snapshotSources].map((source) => source().catch(() => []))).then((all) => all.flat());
    lastSnapshot = reading;
    void reading.finally(() => setTimeout(() => (lastSnapshot = undefined), 500).unref());
  }
  return lastSnapshot;
};

export const syncMetrics = {
  /** Jobs per target and BullMQ state. */
  queueJobs: new Gauge({
    name: 'passerelle_sync_queue_jobs',
    help: 'Sync jobs per target and state (waiting, delayed, active, failed); a paused queue keeps its jobs in waiting',
    labelNames: ['target', 'state'] as const,
    async collect() {
      for (const { target, counts } of await snapshot()) {
        for (const [state, value] of Object.entries(counts)) this.set({ target, state }, value);
      }
    },
  }),
  /** Age of the oldest change still pending per target, to compare with the promise. */
  oldestPending: new Gauge({
    name: 'passerelle_sync_oldest_pending_seconds',
    help: 'Seconds since the oldest change still pending on the target was accepted (0 = none)',
    labelNames: ['target'] as const,
    async collect() {
      for (const { target, oldestPendingSeconds } of await snapshot()) this.set({ target }, oldestPendingSeconds);
    },
  }),
  /** Pending changes past the warning point or the deadline, right now. */
  late: new Gauge({
    name: 'passerelle_sync_late_changes',
    help: 'Changes still pending on the target past the warning point (level=warning) or the promised deadline (level=missed)',
    labelNames: ['target', 'level'] as const,
    async collect() {
      for (const { target, late } of await snapshot()) {
        this.set({ target, level: 'warning' }, late.warning);
        this.set({ target, level: 'missed' }, late.missed);
      }
    },
  }),
  /** From change accepted by the primary to password written on the target. */
  lag: new Histogram({
    name: 'passerelle_sync_lag_seconds',
    help: 'Seconds from a change accepted by the primary directory to the password written on the target',
    labelNames: ['target'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 1800, 3600],
  }),
  /** done, superseded, retried, failed, discarded, reapplied. */
  outcomes: new Counter({
    name: 'passerelle_sync_outcomes_total',
    help: 'Sync job outcomes per target: done, superseded (a newer change won), retried, failed (for good), discarded, reapplied',
    labelNames: ['target', 'outcome'] as const,
  }),
  /** Each pending change counted once when it passes the warning point and once past the deadline. */
  breaches: new Counter({
    name: 'passerelle_sync_deadline_breaches_total',
    help: 'Changes that passed the warning point (level=warning) or the promised deadline (level=missed) while pending on the target',
    labelNames: ['target', 'level'] as const,
  }),
  /** What the recovery sweep did with intents left behind. */
  recovered: new Counter({
    name: 'passerelle_sync_recovered_total',
    help: 'Intents found by the recovery sweep: queued (the primary holds the password), dropped (it does not), superseded (a newer change of the login was committed) or closed (its jobs had already run)',
    labelNames: ['action'] as const,
  }),
};

/** Plugs a function that reads the queues; returns the function that unplugs it (on close). */
export const addQueueSnapshotSource = (source: () => Promise<QueueSnapshot[]>): (() => void) => {
  snapshotSources.add(source);
  return () => snapshotSources.delete(source);
};
