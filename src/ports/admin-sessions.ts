/**
 * @module ports/admin-sessions
 * Server-side sessions of the sysadmins' console: kept in Redis (so that every instance sees them
 * and a log-out or a revocation takes effect at once), with an idle and an absolute lifetime.
 * The browser holds only a signed cookie with the session id; the store never keeps that id in
 * clear (a Redis dump yields no usable session).
 */

/** sysadmin: everything; helpdesk: read, plus retry of one person's job. */
export type AdminRole = 'sysadmin' | 'helpdesk';

export interface AdminSession {
  login: string;
  displayName: string;
  role: AdminRole;
  /** Synchronizer token that every console form must send back (CSRF, on top of the Origin check). */
  csrfToken: string;
  /** ms since 1970. */
  createdAt: number;
  lastSeenAt: number;
}

export interface AdminSessionStore {
  /** Starts a session; the id is the cookie value, returned once and stored only as a hash. */
  create(who: Pick<AdminSession, 'login' | 'displayName' | 'role'>): Promise<{ id: string; session: AdminSession }>;
  /** The live session behind an id, its idle clock restarted; null when unknown, idle too long or past its absolute lifetime. */
  touch(id: string): Promise<AdminSession | null>;
  /** The live session behind an id, without restarting its idle clock (a live refresh is not activity). */
  peek(id: string): Promise<AdminSession | null>;
  /** Ends a session (log-out); unknown ids are ignored. */
  destroy(id: string): Promise<void>;
}
