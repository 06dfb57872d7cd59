/**
 * @module ports/mail-outbox
 * Mails as the flows describe them (which event, to whom, with which facts); the outbox renders
 * the institution's templates in the person's language and sends the result.
 */
import type { MailOrigin, MailRecipient } from './mail-queue.ts';
import type { ChangeRoute } from './sync.ts';

/** One reset link, for one login. */
export interface ResetLink {
  login: string;
  url: string;
}

export type MailMessage =
  /** One account: « cliquer ici » + the plain URL. */
  | { event: 'reset-link'; to: MailRecipient; language: 'fr' | 'en'; link: ResetLink; validMinutes: number; origin: MailOrigin }
  /** Several accounts share the mailbox: one mail naming each login with its own link. */
  | { event: 'reset-link-shared'; to: MailRecipient; language: 'fr' | 'en'; links: ResetLink[]; validMinutes: number; origin: MailOrigin }
  | { event: 'password-changed'; to: MailRecipient; language: 'fr' | 'en'; route: ChangeRoute; at: Date; origin: MailOrigin }
  | { event: 'identity-lockout'; to: MailRecipient; language: 'fr' | 'en'; at: Date; until: Date; origin: MailOrigin };

export type MailEvent = MailMessage['event'];

export interface MailOutboxPort {
  /** Renders and sends; throws `unavailable` (retry) when the SMTP server does not take it. */
  send(message: MailMessage): Promise<void>;
}
