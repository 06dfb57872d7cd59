/**
 * @module test/integration/support/reset
 * What a person does with a reset mail, through the app in-process: find the link in the mail,
 * open it (the app answers 303 with the token in a cookie), and post the new-password form with
 * that cookie, as a browser would.
 */
import { expect } from 'vitest';
import type { SinkMessage, SmtpSink } from '../../harness/index.ts';
import type { TestApp } from './app.ts';

/** The reset links of a mail (plain-text part), in order. */
export const linksIn = (mail: SinkMessage): string[] => [...mail.text.matchAll(/https?:\/\/\S+\/reset\/[A-Za-z0-9_-]{43}/g)].map((m) => m[0]);

/** The one reset link of a mail. */
export const linkIn = (mail: SinkMessage): string => {
  const links = linksIn(mail);
  expect(links, mail.text).toHaveLength(1);
  return links[0]!;
};

export const tokenOf = (link: string): string => link.slice(link.lastIndexOf('/') + 1);

/** The next reset mail to `address` whose subject matches. */
/** Whether a mail was addressed to `address` (compared case-insensitively, as mailboxes are). */
const sentTo = (mail: { to: string[] }, address: string) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase());

export const resetMailTo = (sink: SmtpSink, address: string, subject = /Réinitialisation|reset/i) =>
  sink.waitForMail((mail) => sentTo(mail, address) && subject.test(mail.subject), 15_000);

/** The next « mot de passe modifié » notice to `address`. */
export const noticeTo = (sink: SmtpSink, address: string) =>
  sink.waitForMail((mail) => sentTo(mail, address) && /modifié|changed/i.test(mail.subject), 15_000);

export interface OpenedLink {
  /** The answer to GET /reset/<token>. */
  response: Response;
  /** `name=value` of the reset cookie, to send back. */
  cookie: string | undefined;
}

/** GET the link as a browser would (the path only: the app is called in-process). */
export const openLink = async (app: TestApp, link: string): Promise<OpenedLink> => {
  const response = await app.get(new URL(link).pathname);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = /passerelle_reset=[^;]+/.exec(setCookie)?.[0];
  return { response, cookie: cookie && !cookie.endsWith('=') ? cookie : undefined };
};

/** POST the « Nouveau mot de passe » form with a solved captcha. */
export const submitNewPassword = async (app: TestApp, cookie: string | undefined, newPassword: string, extra: Record<string, string> = {}) => {
  const captcha = await app.solvedCaptcha();
  return app.postForm('/reset/password', { newPassword, confirmPassword: newPassword, ...captcha, ...extra }, cookie ? { cookie } : {});
};

/** Waits until an audit event of `kind` appears in the captured logs (the worker is asynchronous). */
export const waitForAudit = async (app: TestApp, kind: string, predicate: (event: Record<string, unknown>) => boolean = () => true, timeoutMs = 10_000) => {
  const started = Date.now();
  for (;;) {
    const found = auditEvents(app, kind).find(predicate);
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`no audit event ${kind} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Audit events of `kind` in the captured logs. */
export const auditEvents = (app: TestApp, kind: string): Record<string, unknown>[] =>
  app.logs
    .map((line) => JSON.parse(line) as { name?: string; audit?: Record<string, unknown> })
    .filter((line) => line.audit?.kind === kind)
    .map((line) => line.audit!);
