/**
 * @module mail/handlers
 * What the mail worker does with each kind of job: a « Mot de passe oublié » request runs the
 * delivery flow (search, match, tokens, mail); the notices are rendered and sent as they are.
 */
import { deliverResetMail, type DeliverResetDeps } from '../flows/reset-mail/deliver.ts';
import type { MailOutboxPort } from '../ports/mail-outbox.ts';
import type { MailJobHandlers } from './worker.ts';

export interface MailHandlerDeps {
  deliver: DeliverResetDeps;
  outbox: MailOutboxPort;
}

export const mailHandlers = ({ deliver, outbox }: MailHandlerDeps): MailJobHandlers => ({
  'reset-request': (job, context) => deliverResetMail(deliver, job.query, job.origin, context),
  'password-changed': (job) =>
    outbox.send({ event: 'password-changed', to: job.recipient, language: job.language, route: job.route, at: new Date(job.at), origin: job.origin }),
  'identity-lockout': (job) =>
    outbox.send({ event: 'identity-lockout', to: job.recipient, language: job.language, at: new Date(job.at), until: new Date(job.until), origin: job.origin }),
});
