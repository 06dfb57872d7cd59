/**
 * @module metrics/registry
 * The Prometheus text of this process: prom-client's default registry, where every metric of
 * Passerelle registers itself (sync/metrics, metrics/flows, metrics/audit, the HTTP middleware),
 * plus Node's process metrics. Served at /metrics (bearer token) or on `server.metrics.listen`.
 */
import { collectDefaultMetrics, register } from 'prom-client';

let defaultsOn = false;

/** Node's own metrics (event loop lag, heap, CPU), registered once per process. */
export const enableProcessMetrics = (): void => {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ prefix: 'passerelle_' });
};

/** The exposition text and its content type. */
export const metricsText = async (): Promise<{ text: string; contentType: string }> => ({
  text: await register.metrics(),
  contentType: register.contentType,
});
