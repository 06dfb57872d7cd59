/**
 * @module flows/after-write
 * What every route does after the primary write. When it failed: see `afterFailedWrite`. Once the
 * primary directory holds the new password (and the sync intent is committed): revoke the
 * account's outstanding reset links, queue the notice mail to its owner, and record the success
 * in the audit trail. The first two are independent and run together; the audit event comes last
 * because it says whether the links could be revoked.
 *
 * None of it may turn a done change into an error answer: the person would be told « nothing was
 * written, try again » while the directory (and soon every target) holds the new password, and
 * their next try with the old one would fail. The soak found it: Redis restarting between the
 * write and the revocation answered 503 for changes that happened. When Redis fails here, the
 * links are left to expire by themselves (resetMail.tokenTtlMinutes) and the audit event says so
 * (`linksRevoked: false`); the notifier and the audit log never throw.
 */
import { isPasserelleError } from '../errors.ts';
import type { AuditEvent, AuditPort } from '../ports/audit.ts';
import type { Person } from '../ports/directory.ts';
import type { NotifierPort } from '../ports/notifier.ts';
import type { RequestMeta } from '../ports/request.ts';
import type { ResetTokenRevoker } from '../ports/reset-tokens.ts';
import type { ChangeRoute, PreparedSync, SyncPort } from '../ports/sync.ts';

export interface AfterWriteDeps {
  audit: Pick<AuditPort, 'record'>;
  notifier?: NotifierPort | undefined;
  tokens?: ResetTokenRevoker | undefined;
}

/** Revokes the links; false when it could not (nothing thrown). */
const revokeLinks = async (tokens: ResetTokenRevoker | undefined, login: string): Promise<boolean> => {
  if (!tokens) return true;
  try {
    await tokens.revokeAll(login);
    return true;
  } catch {
    return false;
  }
};

/**
 * Links revoked, notice queued, then `event` recorded with `linksRevoked: false` added to its
 * detail when the revocation failed.
 */
export const afterPasswordWritten = async (
  deps: AfterWriteDeps,
  person: Person,
  route: ChangeRoute,
  meta: RequestMeta,
  event: AuditEvent,
): Promise<void> => {
  const [linksRevoked] = await Promise.all([
    revokeLinks(deps.tokens, person.login),
    deps.notifier?.passwordChanged(person, {
      route,
      at: new Date(),
      ip: meta.ip,
      userAgent: meta.userAgent,
      language: meta.language,
      requestId: meta.requestId,
    }),
  ]);
  await deps.audit.record(linksRevoked ? event : { ...event, detail: { ...event.detail, linksRevoked: false } });
};

/**
 * After the primary write failed. Refused (policy, rights, directory down before the write): the
 * intent is abandoned, nothing was written anywhere. Sent but never answered (`write_unconfirmed`):
 * the primary may hold the new password, so the intent is left for the recovery sweep, which
 * queues it for the targets if the password binds and drops it otherwise.
 */
export const afterFailedWrite = async (sync: Pick<SyncPort, 'abandon' | 'release'>, prepared: PreparedSync, error: unknown): Promise<void> => {
  if (isPasserelleError(error) && error.code === 'write_unconfirmed') await sync.release(prepared);
  else await sync.abandon(prepared);
};
