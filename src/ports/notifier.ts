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
}

export interface NotifierPort {
  passwordChanged(person: Person, notice: ChangeNotice): Promise<void>;
}
