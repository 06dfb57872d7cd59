/**
 * @module flows/reset-mail/request
 * « Mot de passe oublié », the request path: limits, then a queued job, then the same answer for
 * everyone. Nothing here looks at the directory, so an existing account and an unknown one cannot
 * be told apart by the answer, its timing or a throttle message (the limits are keyed on the
 * client address and on what was typed, never on whether it matched).
 */
import type { AuditPort } from '../../ports/audit.ts';
import type { PersonQuery } from '../../ports/directory.ts';
import type { MailQueuePort } from '../../ports/mail-queue.ts';
import type { RateLimitPort } from '../../ports/rate-limit.ts';
import type { RequestMeta } from '../../ports/request.ts';
import { fold } from '../../policy/fold.ts';
import type { ForgotInput, ResetMatch } from './input.ts';

export interface RequestResetDeps {
  limits: Pick<RateLimitPort, 'consume'>;
  queue: Pick<MailQueuePort, 'enqueue'>;
  audit: Pick<AuditPort, 'record'>;
  match: ResetMatch;
}

/**
 * What the per-identity limit counts. With a mail in the form it is the mailbox (the thing a mail
 * bomb would hit, whatever names are typed with it); else the login, folded.
 */
export const identityKey = (match: ResetMatch, input: ForgotInput): string =>
  match === 'login' ? `login:${fold(input.login ?? '')}` : `mail:${(input.mail ?? '').trim().toLowerCase()}`;

const queryFor = (match: ResetMatch, input: ForgotInput): PersonQuery => {
  switch (match) {
    case 'name-and-mail':
      return { lastName: input.lastName, firstName: input.firstName, mail: input.mail };
    case 'login':
      return { login: input.login };
    case 'mail':
      return { mail: input.mail };
  }
};

/** Queues the search and the mail; resolves as soon as the job is stored. Throws only `rate_limited` or `unavailable`. */
export const requestReset = async (deps: RequestResetDeps, input: ForgotInput, meta: RequestMeta): Promise<void> => {
  await deps.limits.consume('resetMailPerAddress', meta.ip);
  await deps.limits.consume('resetMailPerIdentity', identityKey(deps.match, input));
  await deps.queue.enqueue({
    kind: 'reset-request',
    query: queryFor(deps.match, input),
    origin: { requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent, language: meta.language },
  });
  await deps.audit.record({ kind: 'reset.requested', ip: meta.ip, requestId: meta.requestId, detail: { match: deps.match } });
};
