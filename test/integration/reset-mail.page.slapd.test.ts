/**
 * « Mot de passe oublié » end to end, as a person without JavaScript does it: the form, the one
 * answer, the mail received by a real SMTP server, the link opened (and opened again, as mail
 * scanners do), the new password set, then a bind to slapd with it. Real slapd, Redis and SMTP.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, readPasswordState, startSmtpSink, strongPassword, testConfig, uniqueLogin, type SmtpSink } from '../harness/index.ts';
import { expectNoSecretInLogs, makeApp, type TestApp } from './support/app.ts';
import { auditEvents, linkIn, linksIn, noticeTo, openLink, resetMailTo, submitNewPassword, tokenOf, waitForAudit } from './support/reset.ts';

const servers = inject('servers');
let sink: SmtpSink;
let app: TestApp;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await makeApp(
    testConfig(
      { ...servers, smtp: sink },
      {
        sync: { inProcessWorker: true },
        institution: { loginUrl: 'https://ent.ac-exemple.fr' },
        // Every request here comes from the same (in-process) client: the per-address cap is tested elsewhere.
        rateLimits: { resetMailPerAddress: { points: 1000, durationSeconds: 600, blockSeconds: 0 } },
      },
    ),
    { keep: true },
  );
});
afterAll(async () => {
  await app.close();
  await sink.stop();
});

const ask = async (fields: Record<string, string>) => {
  const captcha = await app.solvedCaptcha();
  return app.postForm('/forgot', { ...captcha, ...fields });
};

const askFor = async (person: { lastName: string; firstName: string; mail?: string | undefined }) => {
  const response = await ask({ lastName: person.lastName, firstName: person.firstName, mail: person.mail! });
  expect(response.status).toBe(303);
};

describe('GET /forgot', () => {
  it('asks for « Nom », « Prénom » and « E-mail », with the captcha', async () => {
    const response = await app.get('/forgot');
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Mot de passe oublié');
    for (const label of ['>Nom<', '>Prénom<', '>E-mail<']) expect(page).toContain(label);
    for (const name of ['lastName', 'firstName', 'mail', 'captchaAnswer']) expect(page).toContain(`name="${name}"`);
    expect(page).toContain('href="/reset/identity"');
  });
});

describe('reset by e-mail link', () => {
  it('mails a link that sets a new password the directory accepts, then tells the owner', async () => {
    const person = await createPerson(servers.slapd, { firstName: 'Éloïse', lastName: `Lefèvre-Dupont ${uniqueLogin('x')}` });
    const answered = await ask({ lastName: ` ${person.lastName.toUpperCase().replace('È', 'E').replace('-', ' ')} `, firstName: 'eloise', mail: person.mail!.toUpperCase() });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe('/forgot/sent');
    const sent = await (await app.get('/forgot/sent')).text();
    expect(sent).toContain('Nous vous avons envoyé un mail pour réinitialiser votre mot de passe.');

    const mail = await resetMailTo(sink, person.mail!);
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe – Académie d’Exemple');
    expect(mail.text).toContain('Bonjour Éloïse Lefèvre-Dupont');
    expect(mail.text).toContain('valable 30 minutes');
    expect(mail.text).toContain("Si vous n'êtes pas à l'origine de cette demande, ignorez cet email et votre mot de passe ne sera pas réinitialisé.");
    expect(mail.html).toContain('cliquer ici');
    // The logo travels inside the mail (no remote image to load).
    // mailparser turns the cid: reference into a data: URL: the image was in the mail.
    expect(mail.raw).toMatch(/Content-ID: <logo@passerelle>/i);
    expect(mail.html).toContain('src="data:image/png;base64,');
    const link = linkIn(mail);
    expect(link.startsWith('http://127.0.0.1/reset/')).toBe(true);

    // Opening the link only moves the token into a cookie and out of the address bar.
    const opened = await openLink(app, link);
    expect(opened.response.status).toBe(303);
    expect(opened.response.headers.get('location')).toBe('/reset/password');
    expect(opened.response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(opened.response.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(opened.response.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    expect(opened.response.headers.get('set-cookie')).toMatch(/Path=\/reset\/password/);
    expect(opened.cookie).toBeDefined();

    const form = await app.get('/reset/password', { cookie: opened.cookie! });
    const formPage = await form.text();
    expect(form.status).toBe(200);
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');
    expect(formPage).toContain('Nouveau mot de passe');
    expect(formPage).toContain('Confirmer le mot de passe');
    expect(formPage).toContain(`Choisissez le nouveau mot de passe du compte ${person.login}.`);
    expect(formPage).toContain('Complexité du mot de passe');
    expect(formPage).toContain('data-checklist-for="newPassword"');
    expect(formPage).not.toContain(tokenOf(link));

    const newPassword = strongPassword();
    const done = await submitNewPassword(app, opened.cookie, newPassword);
    const donePage = await done.text();
    expect(done.status).toBe(200);
    expect(donePage).toContain('Votre nouveau mot de passe est enregistré.');
    expect(donePage).toContain('href="https://ent.ac-exemple.fr"');
    expect(done.headers.get('set-cookie')).toMatch(/passerelle_reset=;/);
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
    expect(await canBind(servers.slapd.url, person.dn, person.password, servers.slapd.caFile)).toBe(false);

    const notice = await noticeTo(sink, person.mail!);
    expect(notice.subject).toBe('Votre mot de passe a été modifié – Académie d’Exemple');
    expect(notice.text).toContain('avec un lien de réinitialisation envoyé par e-mail');

    expect(auditEvents(app, 'reset.mailed').some((e) => e.login === person.login)).toBe(true);
    expect(auditEvents(app, 'reset.used').some((e) => e.login === person.login)).toBe(true);
    expectNoSecretInLogs(app.logs, [tokenOf(link), newPassword]);
    expect(app.logs.some((line) => line.includes('"route":"/reset/:token'))).toBe(true);
  });

  it('survives mail scanners: opening the link and the form several times uses nothing', async () => {
    const person = await createPerson(servers.slapd);
    await askFor(person);
    const link = linkIn(await resetMailTo(sink, person.mail!));
    for (let i = 0; i < 3; i += 1) {
      const opened = await openLink(app, link);
      expect(opened.response.status).toBe(303);
      expect((await app.get('/reset/password', { cookie: opened.cookie! })).status).toBe(200);
    }
    const { cookie } = await openLink(app, link);
    const newPassword = strongPassword();
    expect((await submitNewPassword(app, cookie, newPassword)).status).toBe(200);
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
  });

  it('works once: the used link and its cookie then get the « lien plus valide » page', async () => {
    const person = await createPerson(servers.slapd);
    await askFor(person);
    const link = linkIn(await resetMailTo(sink, person.mail!));
    const { cookie } = await openLink(app, link);
    expect((await submitNewPassword(app, cookie, strongPassword())).status).toBe(200);

    const again = await openLink(app, link);
    const page = await again.response.text();
    expect(again.response.status).toBe(410);
    expect(page).toContain('Ce lien n’est plus valide');
    expect(page).toContain('href="/forgot"');
    const replay = await submitNewPassword(app, cookie, strongPassword());
    expect(replay.status).toBe(410);
    expect(await replay.text()).toContain('Demander un nouveau lien');
    await waitForAudit(app, 'reset.expired');
  });

  it('never uses the token for a wrong captcha, a missing field, a mismatch, a weak password or a directory refusal', async () => {
    const person = await createPerson(servers.slapd);
    await askFor(person);
    const { cookie } = await openLink(app, linkIn(await resetMailTo(sink, person.mail!)));

    const tried = strongPassword();
    const challenge = await app.runtime.services.captcha.create();
    const wrongCaptcha = await app.postForm('/reset/password', { newPassword: tried, confirmPassword: tried, captchaId: challenge.id, captchaAnswer: 'zzzzz' }, { cookie: cookie! });
    expect(wrongCaptcha.status).toBe(400);
    expect(await wrongCaptcha.text()).toContain('ne correspond pas');
    const missing = await submitNewPassword(app, cookie, '', {});
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Ce champ est obligatoire.');
    const mismatch = await submitNewPassword(app, cookie, strongPassword(), { confirmPassword: 'autre chose' });
    expect(await mismatch.text()).toContain('Les deux mots de passe ne sont pas identiques.');
    const weak = await submitNewPassword(app, cookie, 'court');
    expect(weak.status).toBe(422);
    // slapd refuses the current password (ppolicy: not changed / in history): told, token kept.
    const refused = await submitNewPassword(app, cookie, person.password);
    const refusedPage = await refused.text();
    expect(refused.status).toBe(422);
    expect(refusedPage).toContain(`compte ${person.login}`);
    expect(refusedPage).not.toContain('Ce lien n’est plus valide');

    const newPassword = strongPassword();
    expect((await submitNewPassword(app, cookie, newPassword)).status).toBe(200);
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
  });

  it('a new request makes the older link useless', async () => {
    const person = await createPerson(servers.slapd);
    await askFor(person);
    const first = linkIn(await resetMailTo(sink, person.mail!));
    sink.clear();
    await askFor(person);
    const second = linkIn(await resetMailTo(sink, person.mail!));
    expect(second).not.toBe(first);
    expect((await openLink(app, first)).response.status).toBe(410);
    expect((await openLink(app, second)).response.status).toBe(303);
  });

  it('a password change by another route revokes the outstanding link', async () => {
    const person = await createPerson(servers.slapd);
    await askFor(person);
    const link = linkIn(await resetMailTo(sink, person.mail!));
    const newPassword = strongPassword();
    const changed = await app.postJson('/api/v1/password/change', { login: person.login, currentPassword: person.password, newPassword });
    expect(changed.status).toBe(200);
    expect((await openLink(app, link)).response.status).toBe(410);
    // …and the owner is told about that change.
    const notice = await noticeTo(sink, person.mail!);
    expect(notice.text).toContain('avec l’ancien mot de passe');
  });

  it('unknown account: the same answer, and no mail at all', async () => {
    const nobody = `personne.${uniqueLogin()}@ac-exemple.fr`;
    const answered = await ask({ lastName: 'Inconnu', firstName: 'Personne', mail: nobody });
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe('/forgot/sent');
    await waitForAudit(app, 'reset.failed', (e) => (e.detail as { reason?: string }).reason === 'no_match');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.messages.filter((m) => m.to.includes(nobody))).toHaveLength(0);
  });

  it('a name that does not match the address sends nothing, even to the real owner of the address', async () => {
    const person = await createPerson(servers.slapd);
    const answered = await ask({ lastName: 'Autre', firstName: 'Nom', mail: person.mail! });
    expect(answered.status).toBe(303);
    await waitForAudit(app, 'reset.failed', (e) => (e.detail as { candidates?: number }).candidates === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.messages.filter((m) => m.to.includes(person.mail!))).toHaveLength(0);
  });

  it('an entry with several addresses: the one typed is matched, and the link goes to it alone', async () => {
    const login = uniqueLogin('y');
    const alias = `Yannick.Le-Goff.${login}@ac-exemple.fr`;
    const person = await createPerson(servers.slapd, { login, firstName: 'Yannick', lastName: `Le Goff ${login}`, otherMails: [alias] });
    await ask({ lastName: `le goff ${login}`, firstName: 'yannick', mail: alias.toLowerCase() });

    const mail = await resetMailTo(sink, alias);
    // To the directory's own spelling of the address typed.
    expect(mail.to).toEqual([alias]);
    const { cookie } = await openLink(app, linkIn(mail));
    const newPassword = strongPassword();
    expect((await submitNewPassword(app, cookie, newPassword)).status).toBe(200);
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
    // Nothing went to the entry's first address.
    expect(sink.messages.filter((m) => m.to.includes(person.mail!) && /Réinitialisation/.test(m.subject))).toHaveLength(0);
  });

  it('an entry whose sn holds the name in use and the birth name: either one typed gets the link', async () => {
    const login = uniqueLogin('a');
    const [inUse, birth] = [`Martin-${login}`, `Le Bihan-${login}`];
    const person = await createPerson(servers.slapd, { login, firstName: 'Anne', lastName: inUse, otherLastNames: [birth] });
    await ask({ lastName: birth.toUpperCase(), firstName: 'anne', mail: person.mail! });
    const mail = await resetMailTo(sink, person.mail!);
    expect(mail.to).toEqual([person.mail]);
    expect(linksIn(mail)).toHaveLength(1);
  });

  it('two homonyms sharing a mailbox get one mail naming each login, each link for its own account', async () => {
    const family = `famille.${uniqueLogin()}@laposte.net`;
    const lastName = `Martin-${uniqueLogin('n')}`;
    const rene = await createPerson(servers.slapd, { firstName: 'René', lastName, mail: family });
    const rene2 = await createPerson(servers.slapd, { firstName: 'Rene', lastName, mail: family });
    await ask({ lastName, firstName: 'René', mail: family });

    const mail = await resetMailTo(sink, family);
    await waitForAudit(app, 'reset.mail_shared', (e) => String((e.detail as { logins?: string }).logins).includes(rene.login));
    expect(mail.to).toEqual([family]);
    expect(mail.text).toMatch(/^Bonjour,$/m);
    expect(mail.text).toContain(`« ${rene.login} »`);
    expect(mail.text).toContain(`« ${rene2.login} »`);
    const links = linksIn(mail);
    expect(links).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.messages.filter((m) => m.to.includes(family))).toHaveLength(1);

    const second = mail.text.indexOf(`« ${rene2.login} »`) < mail.text.indexOf(`« ${rene.login} »`) ? [rene2, rene] : [rene, rene2];
    for (const [index, person] of second.entries()) {
      const { cookie } = await openLink(app, links[index]!);
      expect(await (await app.get('/reset/password', { cookie: cookie! })).text()).toContain(`compte ${person.login}.`);
      const newPassword = strongPassword();
      expect((await submitNewPassword(app, cookie, newPassword)).status).toBe(200);
      expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
    }
  });

  it('unlocks an account ppolicy had locked (resetMail.unlock, on by default)', async () => {
    const person = await createPerson(servers.slapd, { locked: true });
    expect((await readPasswordState(servers.slapd, person.dn)).pwdAccountLockedTime).toBeDefined();
    await askFor(person);
    const { cookie } = await openLink(app, linkIn(await resetMailTo(sink, person.mail!)));
    const newPassword = strongPassword();
    expect((await submitNewPassword(app, cookie, newPassword)).status).toBe(200);
    expect((await readPasswordState(servers.slapd, person.dn)).pwdAccountLockedTime).toBeUndefined();
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
  });
});
