/**
 * @module ports/notifier
 * Tells an account's owner that their password changed. Implementations queue the mail so the
 * request never waits for SMTP; they never throw into the flow.
 */
import type { Person } from './directory.ts';
import type { ChangeRoute } from './sync.ts';

export interface ChangeNotice {
  route: ChangeRoute;
  at: Date;
  ip?: string | undefined;
  userAgent?: string | undefined;
  language: 'fr' | 'en';
  /** The request that made the change, to follow it through the logs. */
  requestId?: string | undefined;
}

export interface NotifierPort {
  passwordChanged(person: Person, notice: ChangeNotice): Promise<void>;
}

/** The identity-proof form is now closed for this account after too many wrong answers. */
export interface LockoutNotice {
  at: Date;
  /** When the form opens again for the account. */
  until: Date;
  ip?: string | undefined;
  userAgent?: string | undefined;
  language: 'fr' | 'en';
  requestId?: string | undefined;
}

/** Optional extra notices; implementations of NotifierPort may offer them. */
export interface SecurityNotifierPort extends NotifierPort {
  identityLockedOut(person: Person, notice: LockoutNotice): Promise<void>;
}
