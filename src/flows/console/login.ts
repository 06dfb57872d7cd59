/**
 * @module flows/console/login
 * Log-in to the console with directory credentials. Limited per address before anything else;
 * an unknown login, a wrong password, a locked account and a person outside both groups all get
 * the same `invalid_credentials`, in the same minimum time, so the form reveals nothing about
 * who exists or who is a sysadmin. The audit trail says which it was.
 */
import { PasserelleError } from '../../errors.ts';
import { withFailureFloor } from '../../lib/timing.ts';
import type { AdminSession, AdminSessionStore } from '../../ports/admin-sessions.ts';
import type { AuditPort } from '../../ports/audit.ts';
import type { DirectoryPort } from '../../ports/directory.ts';
import type { RateLimitPort } from '../../ports/rate-limit.ts';
import type { RequestMeta } from '../../ports/request.ts';
import { roleOf, type ConsoleGroups } from './roles.ts';

export interface ConsoleLoginDeps {
  directory: Pick<DirectoryPort, 'findByLogin' | 'verifyPassword' | 'isMemberOf'>;
  limits: Pick<RateLimitPort, 'consume'>;
  audit: Pick<AuditPort, 'record'>;
  sessions: Pick<AdminSessionStore, 'create'>;
  groups: ConsoleGroups;
  failureFloorMs: number;
}

export interface ConsoleCredentials {
  login: string;
  password: string;
}

/** Why a log-in failed, for the audit trail only. */
type FailureReason = 'unknown_login' | 'wrong_password' | 'locked' | 'not_member';

class LoginRefused extends PasserelleError {
  readonly reason: FailureReason;
  constructor(reason: FailureReason) {
    super('invalid_credentials', 'Console log-in refused');
    this.reason = reason;
  }
}

/** Checks the credentials and the groups; starts a session. Throws `invalid_credentials`, `rate_limited`, `unavailable`. */
export const consoleLogin = async (
  deps: ConsoleLoginDeps,
  input: ConsoleCredentials,
  meta: RequestMeta,
): Promise<{ id: string; session: AdminSession }> => {
  await deps.limits.consume('adminLoginPerAddress', meta.ip);
  const base = { login: input.login, ip: meta.ip, requestId: meta.requestId };
  let found;
  try {
    found = await withFailureFloor(deps.failureFloorMs, async () => {
      const person = await deps.directory.findByLogin(input.login);
      if (!person) throw new LoginRefused('unknown_login');
      try {
        await deps.directory.verifyPassword(person, input.password);
      } catch (error) {
        if (error instanceof PasserelleError && error.code === 'invalid_credentials') throw new LoginRefused('wrong_password');
        if (error instanceof PasserelleError && error.code === 'account_locked') throw new LoginRefused('locked');
        throw error;
      }
      const role = await roleOf(deps.directory, deps.groups, person);
      if (!role) throw new LoginRefused('not_member');
      return { person, role };
    });
  } catch (error) {
    if (error instanceof LoginRefused) {
      await deps.audit.record({ kind: 'admin.login', ...base, outcome: 'failure', detail: { reason: error.reason } });
      throw new PasserelleError('invalid_credentials', 'Console log-in refused', { context: { reason: error.reason } });
    }
    throw error;
  }
  const { person, role } = found;
  const started = await deps.sessions.create({ login: person.login, displayName: person.displayName ?? person.login, role });
  await deps.audit.record({ kind: 'admin.login', ...base, login: person.login, actor: person.login, outcome: 'success', detail: { role } });
  return started;
};
