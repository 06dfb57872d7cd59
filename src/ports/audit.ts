/**
 * @module ports/audit
 * The audit trail: who did what, from where, with what outcome. Never a secret.
 */

export type AuditKind =
  | 'password.changed'
  | 'password.change_failed'
  | 'reset.requested'
  | 'reset.mailed'
  | 'reset.mail_shared'
  | 'reset.used'
  | 'reset.expired'
  | 'reset.failed'
  | 'identity.succeeded'
  | 'identity.failed'
  | 'lockout'
  | 'sync.failed'
  | 'sync.deadline'
  | 'admin.login'
  | 'admin.action';

export interface AuditEvent {
  kind: AuditKind;
  login?: string | undefined;
  /** Client address, when the event comes from a request. */
  ip?: string | undefined;
  requestId?: string | undefined;
  /** Admin who acted, for admin events. */
  actor?: string | undefined;
  outcome?: 'success' | 'failure' | undefined;
  /** Safe facts: route, reason code, target, counts. Never a password, token or proof value. */
  detail?: Record<string, string | number | boolean> | undefined;
}

export interface StoredAuditEvent extends AuditEvent {
  id: string;
  at: string;
}

export interface AuditQuery {
  login?: string;
  kind?: AuditKind;
  since?: Date;
  until?: Date;
  limit?: number;
  /** Page cursor: only events older than this id (the last `id` of the previous page). */
  before?: string;
}

export interface AuditPort {
  record(event: AuditEvent): Promise<void>;
  /** Newest first; at most `limit` (default 100) events matching every field given. */
  search(query: AuditQuery): Promise<StoredAuditEvent[]>;
}
