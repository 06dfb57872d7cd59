/**
 * @module mail/notifier
 * The notifier port on the mail queue: after a change or reset by any route, and when the
 * identity-proof form closes for an account, a job is queued; the worker writes the mail. It never
 * throws into the flow: the password is already changed, and a notice that cannot be queued is
 * logged for the sysadmins instead.
 */
import type { Logger } from '../lib/logger.ts';
import type { Person } from '../ports/directory.ts';
import type { MailQueuePort, MailRecipient } from '../ports/mail-queue.ts';
import type { SecurityNotifierPort } from '../ports/notifier.ts';

export interface MailNotifierDeps {
  queue: Pick<MailQueuePort, 'enqueue'>;
  logger: Logger;
}

/** The person's own language when the directory holds one we speak, else the request's. */
export const mailLanguage = (person: Person, fallback: 'fr' | 'en'): 'fr' | 'en' => {
  const stored = person.language?.trim().toLowerCase().slice(0, 2);
  return stored === 'fr' || stored === 'en' ? stored : fallback;
};

const recipientOf = (person: Person): MailRecipient | undefined =>
  person.mail
    ? {
        login: person.login,
        mail: person.mail,
        firstName: person.firstName,
        lastName: person.lastName,
        displayName: person.displayName,
        civility: person.civility,
      }
    : undefined;

export const createMailNotifier = ({ queue, logger }: MailNotifierDeps): SecurityNotifierPort => {
  const log = logger.child({ component: 'notifier' });
  const enqueue = async (kind: string, person: Person, work: (recipient: MailRecipient) => Promise<void>) => {
    const recipient = recipientOf(person);
    if (!recipient) {
      log.info({ login: person.login, kind }, 'no notice sent: the account has no mail address');
      return;
    }
    try {
      await work(recipient);
    } catch (error) {
      log.error({ login: person.login, kind, err: error }, 'notice not queued');
    }
  };
  return {
    passwordChanged: (person, notice) =>
      enqueue('password-changed', person, (recipient) =>
        queue.enqueue({
          kind: 'password-changed',
          recipient,
          language: mailLanguage(person, notice.language),
          route: notice.route,
          at: notice.at.toISOString(),
          origin: { requestId: notice.requestId ?? 'none', ip: notice.ip, userAgent: notice.userAgent, language: notice.language },
        }),
      ),
    identityLockedOut: (person, notice) =>
      enqueue('identity-lockout', person, (recipient) =>
        queue.enqueue({
          kind: 'identity-lockout',
          recipient,
          language: mailLanguage(person, notice.language),
          at: notice.at.toISOString(),
          until: notice.until.toISOString(),
          origin: { requestId: notice.requestId ?? 'none', ip: notice.ip, userAgent: notice.userAgent, language: notice.language },
        }),
      ),
  };
};
