/**
 * The change page without JavaScript, as a browser would post it: the form, the success page, the
 * form again on failure (fields kept but passwords, one message per problem, focus on the first),
 * the CSRF check, and both languages.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, strongPassword, testConfig } from '../harness/index.ts';
import { makeApp, type TestApp } from './support/app.ts';

const servers = inject('servers');
let app: TestApp;

beforeAll(async () => {
  app = await makeApp(testConfig(servers), { keep: true });
});
afterAll(() => app.close());

const submit = async (fields: Record<string, string>, headers?: Record<string, string>) => {
  const captcha = await app.solvedCaptcha();
  return app.postForm('/change', { ...captcha, ...fields }, headers);
};

describe('GET /change', () => {
  it('shows the form in French with the hint, the policy panel and the captcha', async () => {
    const response = await app.get('/change');
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Modifier mon mot de passe');
    expect(page).toContain('1ère lettre du prénom, nom et parfois un nombre');
    expect(page).toContain('Complexité du mot de passe');
    expect(page).toContain('Recopiez le texte qui apparaît sur l');
    for (const name of ['login', 'currentPassword', 'newPassword', 'confirmPassword', 'captchaAnswer']) expect(page).toContain(`name="${name}"`);
    expect(page).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('speaks English from Accept-Language, and remembers the switch in a cookie', async () => {
    expect(await (await app.get('/change', { 'accept-language': 'en-US,en;q=0.8' })).text()).toContain('<html lang="en">');
    const switched = await app.get('/change?lang=en');
    expect(switched.headers.get('set-cookie')).toMatch(/lang=en/);
    expect(await (await app.get('/change', { cookie: 'lang=en', 'accept-language': 'fr' })).text()).toContain('Change my password');
  });

  it('keeps the query of the page in the language switch', async () => {
    const page = await (await app.get('/change?login=jdupont&lang=fr')).text();
    expect(page).toContain('href="/change?login=jdupont&amp;lang=en"');
  });
});

describe('POST /change', () => {
  it('changes the password and says so', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const response = await submit({ login: person.login, currentPassword: person.password, newPassword, confirmPassword: newPassword });
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('La modification de votre mot de passe a été effectuée');
    expect(await canBind(servers.slapd.url, person.dn, newPassword, servers.slapd.caFile)).toBe(true);
  });

  it('shows the form again with the login kept, no password echoed, and the focus on the first problem', async () => {
    const person = await createPerson(servers.slapd);
    const response = await submit({ login: person.login, currentPassword: person.password, newPassword: 'Court1!', confirmPassword: 'Autre1!' });
    const page = await response.text();
    expect(response.status).toBe(400);
    expect(page).toContain(`value="${person.login}"`);
    expect(page).not.toContain(person.password);
    expect(page).not.toContain('Court1!');
    expect(page).toContain('Les deux mots de passe ne sont pas identiques.');
    expect(page).toMatch(/id="confirmPassword"[^>]*aria-invalid="true"[^>]*autofocus|id="confirmPassword"[^>]*autofocus/s);
    expect(await canBind(servers.slapd.url, person.dn, person.password, servers.slapd.caFile)).toBe(true);
  });

  it('refuses a wrong captcha without touching the directory', async () => {
    const person = await createPerson(servers.slapd);
    const newPassword = strongPassword();
    const challenge = await app.runtime.services.captcha.create();
    const response = await app.postForm('/change', {
      login: person.login, currentPassword: person.password, newPassword, confirmPassword: newPassword,
      captchaId: challenge.id, captchaAnswer: 'zzzzz',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('ne correspond pas');
    expect(await canBind(servers.slapd.url, person.dn, person.password, servers.slapd.caFile)).toBe(true);
  });

  it('lists our policy violations against the new password', async () => {
    const person = await createPerson(servers.slapd);
    const weak = `${person.login}Aa1!xyzw`;
    const response = await submit({ login: person.login, currentPassword: person.password, newPassword: weak, confirmPassword: weak });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toMatch(/id="newPassword"[^>]*autofocus/s);
  });

  it('refuses a cross-site form post', async () => {
    const response = await app.postForm('/change', { login: 'x' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Le formulaire a expiré ou provient d');
  });

  it('gives a new captcha image without losing the login when asked (no JavaScript)', async () => {
    const response = await app.postForm('/change', { login: 'jdupont', intent: 'new-captcha', currentPassword: 'x' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('value="jdupont"');
  });
});
