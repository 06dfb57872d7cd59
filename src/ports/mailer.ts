/**
 * @module ports/mailer
 * Sends a rendered mail. Rendering (templates, language) happens in the mail composer, not here.
 */

/** An image the HTML part shows as `<img src="cid:…">`, sent inside the mail: no remote load, no "load images?" prompt. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  inlineImages?: InlineImage[] | undefined;
}

export interface MailerPort {
  send(mail: OutgoingMail): Promise<void>;
  /** Answers when the SMTP server accepts a connection (readyz detail). */
  verify(): Promise<void>;
  close(): Promise<void>;
}
