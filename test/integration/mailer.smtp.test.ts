/**
 * The SMTP mailer against real SMTP servers in this process (smtp-server): STARTTLS checked
 * against the configured CA, STARTTLS required, and what a refusal means for the retry.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/adapters/smtp/mailer.ts';
import type { Config } from '../../src/config/schema.ts';
import { freePort, makeCertificates, type TestCertificates } from '../harness/index.ts';

let dir: string;
let certificates: TestCertificates;
const servers: SMTPServer[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-smtp-'));
  certificates = makeCertificates(dir);
});
afterAll(async () => {
  for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

interface Received {
  secure: boolean;
  to: string[];
}

const startServer = async (options: Partial<SMTPServerOptions>): Promise<{ port: number; received: Received[] }> => {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    disabledCommands: ['AUTH'],
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push({ secure: session.secure, to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
    ...options,
  });
  servers.push(server);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { port, received };
};

const mailConfig = (port: number, smtp: Partial<Config['mail']['smtp']>): Config['mail'] =>
  ({
    smtp: { host: '127.0.0.1', port, secure: false, requireTls: false, rejectUnauthorized: true, ...smtp },
    from: 'Passerelle <passerelle@ac-exemple.fr>',
    notifyOnChange: true,
    timeZone: 'Europe/Paris',
    attempts: 1,
    backoffMs: 1000,
    concurrency: 1,
  }) as Config['mail'];

const mail = { to: 'jean.dupont@ac-exemple.fr', subject: 'Essai', text: 'Bonjour', html: '<p>Bonjour</p>' };

describe('SMTP mailer', () => {
  it('upgrades with STARTTLS and checks the server against the configured CA', async () => {
    const { port, received } = await startServer({ key: readFileSync(certificates.keyFile), cert: readFileSync(certificates.certFile) });
    const mailer = createSmtpMailer(mailConfig(port, { requireTls: true, caFile: certificates.caFile }));
    await mailer.send(mail);
    await mailer.close();
    expect(received).toEqual([{ secure: true, to: ['jean.dupont@ac-exemple.fr'] }]);
  });

  it('refuses a server whose certificate the CA did not sign: nothing is sent, the job may retry', async () => {
    const { port, received } = await startServer({ key: readFileSync(certificates.keyFile), cert: readFileSync(certificates.certFile) });
    const mailer = createSmtpMailer(mailConfig(port, { requireTls: true }));
    await expect(mailer.send(mail)).rejects.toMatchObject({ code: 'unavailable', retry: true });
    await mailer.close();
    expect(received).toEqual([]);
  });

  it('with requireTls, never sends in clear to a server without STARTTLS', async () => {
    const { port, received } = await startServer({ disabledCommands: ['AUTH', 'STARTTLS'] });
    const mailer = createSmtpMailer(mailConfig(port, { requireTls: true }));
    await expect(mailer.send(mail)).rejects.toMatchObject({ code: 'unavailable' });
    await mailer.close();
    expect(received).toEqual([]);
  });

  it('a 5xx refusal is final (no retry), a 4xx one is not', async () => {
    const refusing = (code: number) =>
      startServer({
        disabledCommands: ['AUTH', 'STARTTLS'],
        onRcptTo(_address, _session, callback) {
          callback(Object.assign(new Error('Mailbox refused'), { responseCode: code }));
        },
      });
    const permanent = createSmtpMailer(mailConfig((await refusing(550)).port, {}));
    await expect(permanent.send(mail)).rejects.toMatchObject({ code: 'unavailable', retry: false });
    await permanent.close();
    const temporary = createSmtpMailer(mailConfig((await refusing(451)).port, {}));
    await expect(temporary.send(mail)).rejects.toMatchObject({ code: 'unavailable', retry: true });
    await temporary.close();
  });
});
