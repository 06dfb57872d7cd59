/**
 * @module ports/mailer
 * Sends a rendered mail. Rendering (templates, language) happens in the mail composer, not here.
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailerPort {
  send(mail: OutgoingMail): Promise<void>;
  /** Answers when the SMTP server accepts a connection (readyz detail). */
  verify(): Promise<void>;
  close(): Promise<void>;
}
