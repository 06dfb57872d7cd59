/**
 * @module adapters/smtp/mailer
 * The mailer port on nodemailer's SMTP transport: implicit TLS (465) or STARTTLS, required when
 * the config says so, checked against a given CA. SMTP failures become our errors: temporary ones
 * (network, 4xx) may be retried, permanent ones (5xx: unknown mailbox, refused sender) may not.
 */
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../../config/schema.ts';
import { PasserelleError } from '../../errors.ts';
import type { MailerPort } from '../../ports/mailer.ts';

/** An SMTP server that does not answer within these is treated as down (the job is retried later). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export const smtpTransportOptions = (mail: Config['mail']): SMTPTransport.Options => {
  const { smtp } = mail;
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    tls: {
      rejectUnauthorized: smtp.rejectUnauthorized,
      ...(smtp.caFile ? { ca: [readFileSync(smtp.caFile)] } : {}),
    },
    ...TIMEOUTS,
  };
};

/** Temporary (retry) unless the server gave a 5xx answer. The recipient is not put in the context. */
const smtpError = (error: unknown): PasserelleError => {
  const responseCode = (error as { responseCode?: number }).responseCode;
  const permanent = typeof responseCode === 'number' && responseCode >= 500;
  return new PasserelleError('unavailable', permanent ? 'SMTP server refused the mail' : 'SMTP server unavailable', {
    context: { what: 'smtp', responseCode, smtpCode: (error as { code?: string }).code },
    retry: !permanent,
    cause: error,
  });
};

/**
 * @example const mailer = createSmtpMailer(config.mail); await mailer.send({ to, subject, text, html });
 */
export const createSmtpMailer = (mail: Config['mail']): MailerPort => {
  const transport = nodemailer.createTransport(smtpTransportOptions(mail));
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from: mail.from,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          attachments: (message.inlineImages ?? []).map((image) => ({
            filename: image.filename,
            content: Buffer.from(image.content),
            contentType: image.contentType,
            cid: image.cid,
            contentDisposition: 'inline' as const,
          })),
          // Tell auto-responders (out of office) not to answer a robot.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        });
      } catch (error) {
        throw smtpError(error);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw smtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
};
