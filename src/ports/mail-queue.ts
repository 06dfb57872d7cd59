/**
 * @module ports/mail-queue
 * Mail work done off the request path, so that a request never waits for the directory search or
 * for SMTP (an answer that takes longer for real accounts would tell them apart). A job carries no
 * secret: the reset link is made by the worker when it sends the mail.
 */
import type { PersonQuery } from './directory.ts';
import type { ChangeRoute } from './sync.ts';

/** The person a mail is written to, as the directory describes them. */
export interface MailRecipient {
  login: string;
  mail: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  displayName?: string | undefined;
  civility?: string | undefined;
}

/** Request facts a mail may quote (« depuis l'adresse … avec … »). */
export interface MailOrigin {
  requestId: string;
  ip?: string | undefined;
  userAgent?: string | undefined;
  language: 'fr' | 'en';
}

export type MailJob =
  /** Someone filled the « Mot de passe oublié » form: search, match, then mail the link(s). */
  | { kind: 'reset-request'; query: PersonQuery; origin: MailOrigin }
  /** A password was changed or reset: tell the account's owner. `at` is an ISO time. */
  | { kind: 'password-changed'; recipient: MailRecipient; language: 'fr' | 'en'; route: ChangeRoute; at: string; origin: MailOrigin }
  /** The identity-proof form was closed for the account after too many failures. */
  | { kind: 'identity-lockout'; recipient: MailRecipient; language: 'fr' | 'en'; at: string; until: string; origin: MailOrigin };

export type MailJobKind = MailJob['kind'];

export interface MailQueuePort {
  /** Queues the job durably; throws `unavailable` when Redis does not take it. */
  enqueue(job: MailJob): Promise<void>;
  close(): Promise<void>;
}
