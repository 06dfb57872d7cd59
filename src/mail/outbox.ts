/**
 * @module mail/outbox
 * The outbox port: render with the composer, send with the mailer.
 */
import type { MailOutboxPort } from '../ports/mail-outbox.ts';
import type { MailerPort } from '../ports/mailer.ts';
import type { MailComposer } from './composer.ts';

export const createMailOutbox = (composer: MailComposer, mailer: Pick<MailerPort, 'send'>): MailOutboxPort => ({
  send: (message) => mailer.send(composer.render(message)),
});
