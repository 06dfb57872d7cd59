/**
 * The mails as people read them, rendered from the real templates/mail files: greeting, link,
 * validity, the « ignorez cet email » sentence, both languages, escaping of directory values.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMailComposer } from '../../../src/mail/composer.ts';
import { loadMailTemplates } from '../../../src/mail/templates.ts';
import type { MailRecipient } from '../../../src/ports/mail-queue.ts';

const composer = createMailComposer({
  templates: loadMailTemplates(resolve(import.meta.dirname, '../../../templates/mail')),
  institution: { name: 'Académie d’Exemple', supportText: { fr: 'Assistance : 01 23 45 67 89', en: 'Help desk: +33 1 23 45 67 89' } },
  logo: { src: 'https://motdepasse.ac-exemple.fr/static/logo.png' },
  publicUrl: 'https://motdepasse.ac-exemple.fr',
  timeZone: 'Europe/Paris',
});

const jean: MailRecipient = { login: 'jdupont', mail: 'jean.dupont@ac-exemple.fr', firstName: 'Jean', lastName: 'Dupont' };
const origin = { requestId: 'r-1', ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', language: 'fr' as const };
const link = { login: 'jdupont', url: 'https://motdepasse.ac-exemple.fr/reset/q3dVx0Zr2m9Lw8cY1o4T7bN6aKfPjHsEuGiR5nXyWzA' };

describe('reset-link mail', () => {
  it('in French: plain greeting with the name, link twice, validity, and the reassuring sentence', () => {
    const mail = composer.render({ event: 'reset-link', to: jean, language: 'fr', link, validMinutes: 30, origin });
    expect(mail.to).toBe('jean.dupont@ac-exemple.fr');
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe – Académie d’Exemple');
    expect(mail.text).toContain('Bonjour Jean Dupont,');
    expect(mail.text).toContain(link.url);
    expect(mail.text).toContain('valable 30 minutes');
    expect(mail.text).toContain("Si vous n'êtes pas à l'origine de cette demande, ignorez cet email et votre mot de passe ne sera pas réinitialisé.");
    expect(mail.html).toContain(`<a href="${link.url}" style="color:#1d3f8c;font-weight:bold;">cliquer ici</a>`);
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('src="https://motdepasse.ac-exemple.fr/static/logo.png"');
    expect(mail.html).toContain('Académie d’Exemple');
  });

  it('greets with « M. / Mme » when the directory holds a civility, in either language', () => {
    const fr = composer.render({ event: 'reset-link', to: { ...jean, civility: 'M.' }, language: 'fr', link, validMinutes: 30, origin });
    expect(fr.text).toContain('Bonjour M. Dupont,');
    const mme = composer.render({ event: 'reset-link', to: { ...jean, firstName: 'Jeanne', civility: 'Madame' }, language: 'fr', link, validMinutes: 30, origin });
    expect(mme.text).toContain('Bonjour Mme Dupont,');
    const en = composer.render({ event: 'reset-link', to: { ...jean, civility: 'M.' }, language: 'en', link, validMinutes: 60, origin });
    expect(en.text).toContain('Dear Mr Dupont,');
    expect(en.text).toContain('valid for 1 hour');
    expect(en.text).toContain('If you did not ask for this, ignore this email and your password will not be reset.');
  });

  it('escapes directory values in HTML and strips line breaks everywhere', () => {
    const mail = composer.render({
      event: 'reset-link',
      to: { ...jean, firstName: '<img src=x onerror=alert(1)>', lastName: 'Dupont\r\nBcc: victim@example.org' },
      language: 'fr',
      link,
      validMinutes: 30,
      origin,
    });
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.text).toContain('Bonjour <img src=x onerror=alert(1)> Dupont Bcc: victim@example.org,');
    expect(mail.text).not.toMatch(/Dupont\r?\nBcc/);
  });
});

describe('shared mailbox mail', () => {
  it('names each login with its own link and greets nobody in particular', () => {
    const links = [link, { login: 'jdupont2', url: 'https://motdepasse.ac-exemple.fr/reset/AAAAx0Zr2m9Lw8cY1o4T7bN6aKfPjHsEuGiR5nXyWzA' }];
    const mail = composer.render({ event: 'reset-link-shared', to: jean, language: 'fr', links, validMinutes: 30, origin });
    expect(mail.text).toMatch(/^Bonjour,$/m);
    expect(mail.text).toContain(`Compte « jdupont » :\n${links[0]!.url}`);
    expect(mail.text).toContain(`Compte « jdupont2 » :\n${links[1]!.url}`);
    expect(mail.html.match(/cliquer ici/g)).toHaveLength(2);
  });
});

describe('password-changed notice', () => {
  it('says what changed, when (Paris time), how, from where and with which browser, and what to do', () => {
    const mail = composer.render({ event: 'password-changed', to: jean, language: 'fr', route: 'reset-identity', at: new Date('2026-11-26T13:05:00Z'), origin });
    expect(mail.subject).toBe('Votre mot de passe a été modifié – Académie d’Exemple');
    expect(mail.text).toContain('Quand : le jeudi 26 novembre 2026 à 14:05');
    expect(mail.text).toContain('Comment : après vérification de l’identité');
    expect(mail.text).toContain("Depuis l'adresse : 192.0.2.10");
    expect(mail.text).toContain('Navigateur : Firefox sous Linux');
    expect(mail.text).toContain('https://motdepasse.ac-exemple.fr/forgot');
    expect(mail.text).toContain('Assistance : 01 23 45 67 89');
  });

  it('in English', () => {
    const mail = composer.render({ event: 'password-changed', to: jean, language: 'en', route: 'change', at: new Date('2026-07-01T08:00:00Z'), origin: { ...origin, userAgent: 'curl/8' } });
    expect(mail.text).toContain('When: Wednesday, 1 July 2026 at 10:00');
    expect(mail.text).toContain('Browser: unrecognised browser');
    expect(mail.text).toContain('Help desk: +33 1 23 45 67 89');
  });
});

describe('identity lock-out notice', () => {
  it('says until when the form is closed and that the password still works', () => {
    const mail = composer.render({
      event: 'identity-lockout',
      to: jean,
      language: 'fr',
      at: new Date('2026-11-26T13:05:00Z'),
      until: new Date('2026-11-27T13:05:00Z'),
      origin,
    });
    expect(mail.text).toContain('bloquée pour ce compte jusqu’au vendredi 27 novembre 2026 à 14:05'.replace('’', "'"));
    expect(mail.text).toContain('Votre mot de passe n\'a pas changé');
  });
});
