/**
 * @module test/harness/smtp
 * An SMTP sink in this process (smtp-server): accepts every message on a free loopback port,
 * parses it with mailparser and keeps it, so that tests can wait for a mail and read its link.
 */
import { EventEmitter } from 'node:events';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports.ts';

export interface SinkMessage {
  /** Envelope sender and recipients, as the client gave them in MAIL FROM / RCPT TO. */
  envelope: { from: string; to: string[] };
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
  raw: string;
  receivedAt: Date;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** Every message received so far, oldest first. */
  readonly messages: SinkMessage[];
  /** The first message (already there or to come) matching `predicate`; rejects after `timeoutMs`. */
  waitForMail(predicate?: (message: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  clear(): void;
  stop(): Promise<void>;
}

const addresses = (field: ParsedMail['to'] | ParsedMail['from']): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((a) => a.address ?? ''));

export const startSmtpSink = async (): Promise<SmtpSink> => {
  const messages: SinkMessage[] = [];
  const arrivals = new EventEmitter();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const message: SinkMessage = {
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              from: addresses(parsed.from)[0] ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              raw: raw.toString('utf8'),
              receivedAt: new Date(),
            };
            messages.push(message);
            arrivals.emit('message', message);
            callback();
          })
          .catch(callback);
      });
    },
  });
  const host = '127.0.0.1';
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });

  const waitForMail: SmtpSink['waitForMail'] = (predicate = () => true, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const already = messages.find(predicate);
      if (already) return resolve(already);
      const onMessage = (message: SinkMessage) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        arrivals.off('message', onMessage);
        resolve(message);
      };
      const timer = setTimeout(() => {
        arrivals.off('message', onMessage);
        const seen = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'none';
        reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${seen})`));
      }, timeoutMs);
      arrivals.on('message', onMessage);
    });

  return {
    host,
    port,
    messages,
    waitForMail,
    clear: () => {
      messages.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
