/**
 * @module flows/console/audit
 * The audit view and `passerelle audit search`: events by login, kind and time range, newest
 * first, one page at a time. The cursor of the next page is the id of the last event shown.
 */
import type { AuditKind, AuditPort, StoredAuditEvent } from '../../ports/audit.ts';

/** Every kind, for the filter's choices and the CLI's validation. */
export const AUDIT_KINDS: readonly AuditKind[] = [
  'password.changed', 'password.change_failed', 'reset.requested', 'reset.mailed', 'reset.mail_shared', 'reset.used',
  'reset.expired', 'reset.failed', 'identity.succeeded', 'identity.failed', 'lockout', 'sync.failed', 'sync.deadline',
  'admin.login', 'admin.action',
] satisfies readonly AuditKind[];

export const isAuditKind = (value: unknown): value is AuditKind => (AUDIT_KINDS as readonly unknown[]).includes(value);

export interface AuditPageQuery {
  login?: string | undefined;
  kind?: AuditKind | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Cursor from the previous page. */
  before?: string | undefined;
  pageSize?: number | undefined;
}

export interface AuditPage {
  events: StoredAuditEvent[];
  /** Cursor of the next (older) page; undefined on the last one. */
  next?: string | undefined;
}

export const readAuditPage = async (deps: { audit: Pick<AuditPort, 'search'> }, query: AuditPageQuery): Promise<AuditPage> => {
  const pageSize = Math.max(1, Math.min(query.pageSize ?? 50, 500));
  // One more than shown tells whether an older page exists.
  const found = await deps.audit.search({
    ...(query.login ? { login: query.login } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.since ? { since: query.since } : {}),
    ...(query.until ? { until: query.until } : {}),
    ...(query.before ? { before: query.before } : {}),
    limit: pageSize + 1,
  });
  const events = found.slice(0, pageSize);
  return { events, next: found.length > pageSize ? events.at(-1)?.id : undefined };
};
