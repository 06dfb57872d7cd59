/**
 * @module test/integration/contracts/flows.contract
 * The three flows as people and integrators see them, written once and run against each primary
 * directory (flows.slapd.test.ts, flows.ad.test.ts): change (API and page), reset by e-mail link,
 * reset by identity proof, and the notice mail. Only what the directory itself decides may differ,
 * and each such difference is a named capability with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/schema.ts';
import { startSmtpSink, strongPassword, type SmtpSink, type TestPerson } from '../../harness/index.ts';
import { makeApp, expectNoSecretInLogs, type TestApp } from '../support/app.ts';
import { linkIn, noticeTo, openLink, resetMailTo, submitNewPassword } from '../support/reset.ts';

export interface PersonOptions {
  employeeNumber?: string;
  birthDate?: string;
  mustChange?: boolean;
  firstName?: string;
  lastName?: string;
}

export interface FlowsContract {
  name: string;
  config(sink: SmtpSink): Config;
  makePerson(options?: PersonOptions): Promise<TestPerson>;
  canBind(person: TestPerson, password: string): Promise<boolean>;
  /** Whether the person must still change their password at next log-in. */
  mustChange(person: TestPerson): Promise<boolean>;
}

export const runFlowsContract = (contract: FlowsContract) => {
  describe(`the three flows on ${contract.name}`, () => {
    let sink: SmtpSink;
    let app: TestApp;
    const secrets: string[] = [];
    const fresh = () => {
      const password = strongPassword();
      secrets.push(password);
      return password;
    };

    beforeAll(async () => {
      sink = await startSmtpSink();
      app = await makeApp(contract.config(sink), { keep: true });
    });
    afterAll(async () => {
      await app?.close();
      await sink?.stop();
    });

    it('changes a password through the API; the old one no longer binds; the owner gets a notice', async () => {
      const person = await contract.makePerson();
      const next = fresh();
      const response = await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: person.password, newPassword: next });
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await contract.canBind(person, next)).toBe(true);
      expect(await contract.canBind(person, person.password)).toBe(false);
      const notice = await noticeTo(sink, person.mail!);
      expect(notice.text).toContain(person.login);
      expect(notice.text).not.toContain(next);
    });

    it('changes a password through the page', async () => {
      const person = await contract.makePerson();
      const next = fresh();
      const captcha = await app.solvedCaptcha();
      const response = await app.postForm('/change', { login: person.login, currentPassword: person.password, newPassword: next, confirmPassword: next, ...captcha });
      expect(await response.text()).toContain('La modification de votre mot de passe a été effectuée');
      expect(await contract.canBind(person, next)).toBe(true);
    });

    it('answers a wrong password and an unknown login alike, and writes nothing', async () => {
      const person = await contract.makePerson();
      const wrong = await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: 'Pas-le-bon-1!', newPassword: fresh() });
      const unknown = await app.postJson('/api/v1/password/change', { login: `${person.login}zz`, currentPassword: 'Pas-le-bon-1!', newPassword: fresh() });
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
      expect(await contract.canBind(person, person.password)).toBe(true);
    });

    it('refuses a password from the history with the directory’s reason, and keeps the current one', async () => {
      const person = await contract.makePerson();
      const second = fresh();
      expect((await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: person.password, newPassword: second })).status).toBe(200);
      const back = await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: second, newPassword: person.password });
      const body = await back.json();
      expect(back.status, JSON.stringify(body)).toBe(422);
      expect(body.error.details.violations).toEqual([expect.objectContaining({ code: 'directory_in_history', source: 'directory' })]);
      expect(await contract.canBind(person, second)).toBe(true);
    });

    it('lets a person whose password must be changed change it, and clears the flag', async () => {
      const person = await contract.makePerson({ mustChange: true });
      const next = fresh();
      const response = await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: person.password, newPassword: next });
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await contract.canBind(person, next)).toBe(true);
      expect(await contract.mustChange(person)).toBe(false);
    });

    it('finds nobody for a login full of filter metacharacters', async () => {
      const response = await app.postJson('/api/v1/password/change', { login: '*)(|(objectClass=*', currentPassword: 'x', newPassword: fresh() });
      expect(response.status).toBe(401);
    });

    it('resets by e-mail link, accent- and case-insensitively, and the link works once', async () => {
      const person = await contract.makePerson({ firstName: 'Éloïse', lastName: 'Lefèvre-Dupont' });
      const request = await app.postJson('/api/v1/reset/mail', { lastName: ' lefevre dupont ', firstName: 'ELOISE', mail: person.mail!.toUpperCase() });
      expect(request.status).toBe(202);
      const link = linkIn(await resetMailTo(sink, person.mail!));
      const opened = await openLink(app, link);
      expect(opened.response.status).toBe(303);
      const next = fresh();
      const done = await submitNewPassword(app, opened.cookie, next);
      expect(await done.text()).toContain('Votre nouveau mot de passe est enregistré');
      expect(await contract.canBind(person, next)).toBe(true);
      const again = await openLink(app, link);
      expect(again.cookie).toBeUndefined();
    });

    it('answers a reset request for nobody exactly as for somebody, and sends nothing', async () => {
      const before = sink.messages.length;
      const response = await app.postJson('/api/v1/reset/mail', { lastName: 'Personne', firstName: 'Inconnue', mail: 'inconnue@ac-exemple.fr' });
      expect(response.status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(sink.messages.slice(before).filter((m) => m.to.includes('inconnue@ac-exemple.fr'))).toEqual([]);
    });

    it('resets by identity proof, and refuses wrong proofs with one message', async () => {
      const person = await contract.makePerson({ employeeNumber: '09E0412345XYZ', birthDate: '19840312' });
      const address = { headers: { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 200) + 1}` } };
      const wrong = await app.postJson('/api/v1/reset/identity', { login: person.login, proofs: { staffNumber: '09E0412345XYZ', birthDate: '13/03/1984' }, newPassword: fresh() }, address);
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error.code).toBe('identity_mismatch');
      const next = fresh();
      const right = await app.postJson('/api/v1/reset/identity', { login: person.login, proofs: { staffNumber: '09e0412345xyz', birthDate: '12/03/1984' }, newPassword: next }, address);
      expect(right.status, await right.clone().text()).toBe(200);
      expect(await contract.canBind(person, next)).toBe(true);
    });

    it('never logs a password', () => {
      expect(secrets.length).toBeGreaterThan(5);
      expectNoSecretInLogs(app.logs, secrets);
    });
  });
};
