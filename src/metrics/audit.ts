/**
 * @module metrics/audit
 * Counts read off the audit trail as events are recorded: lock-outs (by flow and scope: account
 * or address), console log-ins (success / failure) and console actions. A decorator of the audit
 * port, so every flow that audits is counted without knowing about metrics.
 */
import { Counter } from 'prom-client';
import type { AuditPort } from '../ports/audit.ts';

export const auditMetrics = {
  lockouts: new Counter({
    name: 'passerelle_lockouts_total',
    help: 'Lock-outs set by Passerelle (too many failed identity proofs): flow and scope (account, address)',
    labelNames: ['flow', 'scope'] as const,
  }),
  adminLogins: new Counter({
    name: 'passerelle_admin_logins_total',
    help: 'Console log-in attempts by outcome (success, failure)',
    labelNames: ['outcome'] as const,
  }),
  adminActions: new Counter({
    name: 'passerelle_admin_actions_total',
    help: 'Console and CLI actions on the sync queues: action (retry, retry-all, discard, pause, resume) and outcome',
    labelNames: ['action', 'outcome'] as const,
  }),
};

const text = (value: unknown, fallback: string) => (typeof value === 'string' && /^[a-z0-9_-]{1,40}$/.test(value) ? value : fallback);

/** The same audit port; recording also moves the counters above. */
export const countingAudit = (audit: AuditPort): AuditPort => ({
  async record(event) {
    if (event.kind === 'lockout') auditMetrics.lockouts.inc({ flow: text(event.detail?.flow, 'unknown'), scope: text(event.detail?.scope, 'unknown') });
    else if (event.kind === 'admin.login' && event.detail?.event !== 'logout') auditMetrics.adminLogins.inc({ outcome: event.outcome ?? 'unknown' });
    else if (event.kind === 'admin.action') auditMetrics.adminActions.inc({ action: text(event.detail?.action, 'unknown'), outcome: event.outcome ?? 'unknown' });
    await audit.record(event);
  },
  search: (query) => audit.search(query),
});
