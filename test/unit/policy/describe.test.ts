/**
 * @module test/unit/policy/describe
 * The « Complexité du mot de passe » panel and the checklist labels, as read in French and English.
 */
import { describe, expect, it } from 'vitest';
import { translate, type Language } from '../../../src/i18n/index.ts';
import { policyChecklist, policySentences } from '../../../src/policy/describe.ts';
import type { PasswordPolicy } from '../../../src/policy/types.ts';
import { defaultPolicy, policyWith } from './policies.ts';

const panel = (policy: PasswordPolicy, language: Language) => {
  const t = (key: string, params?: Record<string, string | number>) => translate(language, key, params);
  return policySentences(policy, t).map((sentence) => t(sentence.key, sentence.params));
};
const checklist = (policy: PasswordPolicy, language: Language, currentPassword = false) =>
  policyChecklist(policy, { currentPassword }).map((item) => translate(language, item.key, item.params));

describe('help panel', () => {
  it('states the default policy in one French sentence', () => {
    expect(panel(defaultPolicy, 'fr')[0]).toBe(
      'Votre mot de passe doit contenir au moins 12 caractères, dont au moins une lettre minuscule, une lettre majuscule, un chiffre et un caractère spécial.',
    );
  });

  it('states it in English too', () => {
    expect(panel(defaultPolicy, 'en')[0]).toBe(
      'Your password must contain at least 12 characters, including at least one lower-case letter, one upper-case letter, one digit and one special character.',
    );
  });

  it('uses plurals where the minimum is above 1, and the singular for 1', () => {
    const policy = policyWith({ minLength: 1, minLower: 0, minUpper: 0, minDigit: 2, minSpecial: 0 });
    expect(panel(policy, 'fr')[0]).toBe('Votre mot de passe doit contenir au moins 1 caractère, dont au moins 2 chiffres.');
    expect(panel(policy, 'en')[0]).toBe('Your password must contain at least 1 character, including at least 2 digits.');
  });

  it('says only the length when no class is required', () => {
    const policy = policyWith({ minLength: 14, minLower: 0, minUpper: 0, minDigit: 0, minSpecial: 0 });
    expect(panel(policy, 'fr')[0]).toBe('Votre mot de passe doit contenir au moins 14 caractères.');
  });

  it('phrases « N of 4 » classes, and all four', () => {
    const three = policyWith({ minLower: 0, minUpper: 0, minDigit: 0, minSpecial: 0, minClasses: 3 });
    expect(panel(three, 'fr')).toContain(
      'Il doit mélanger au moins 3 des 4 types de caractères suivants : lettres minuscules, lettres majuscules, chiffres et caractères spéciaux.',
    );
    expect(panel(three, 'en')).toContain(
      'It must mix at least 3 of these 4 kinds of characters: lower-case letters, upper-case letters, digits and special characters.',
    );
    expect(panel(policyWith({ minClasses: 4 }), 'fr')).toContain(
      'Il doit mélanger les 4 types de caractères : lettres minuscules, lettres majuscules, chiffres et caractères spéciaux.',
    );
  });

  it('lists forbidden characters and institution words', () => {
    const policy = policyWith({ forbiddenCharacters: '";', words: ['Sorbonne', 'Paris'] });
    expect(panel(policy, 'fr')).toEqual(
      expect.arrayContaining(['Ces caractères ne sont pas acceptés : " ;', 'Il ne doit contenir aucun de ces mots : Sorbonne, Paris.']),
    );
    expect(panel(policy, 'en')).toContain('These characters are not accepted: " ;');
  });

  it('mentions the personal-information, common-password, strength and breach rules only when on', () => {
    const on = panel(policyWith({ minStrength: 60, breached: { enabled: true } }), 'fr').join('\n');
    expect(on).toContain('Il ne doit contenir ni votre identifiant, ni votre prénom, ni votre nom');
    expect(on).toContain('Les mots de passe les plus courants sont refusés');
    expect(on).toContain('elle doit atteindre au moins 60\u00a0%');
    expect(on).toContain('fuites de mots de passe publiées');
    const off = panel(policyWith({ forbidPersonalInfo: false, blockCommon: false, mustDifferFromCurrent: false }), 'fr').join('\n');
    expect(off).not.toContain('identifiant');
    expect(off).not.toContain('courants');
    expect(off).not.toContain('robustesse');
    expect(off).not.toContain('fuites');
    expect(off).not.toContain('actuel');
  });

  it('explains special characters and accented letters when classes are required', () => {
    expect(panel(defaultPolicy, 'fr')).toEqual(
      expect.arrayContaining([
        "Un caractère spécial est tout ce qui n'est ni une lettre ni un chiffre : ponctuation, symbole ou espace (par exemple ! ? # @ ou ;).",
        'Les lettres accentuées sont des lettres comme les autres : « é » est une minuscule, « É » une majuscule, et chacune compte pour un caractère.',
      ]),
    );
  });
});

describe('checklist labels', () => {
  it('lists the default policy’s rules in display order', () => {
    expect(checklist(defaultPolicy, 'fr')).toEqual([
      'Au moins 12 caractères',
      'Au plus 128 caractères',
      'Une lettre minuscule',
      'Une lettre majuscule',
      'Un chiffre',
      'Un caractère spécial (ni lettre ni chiffre)',
      'Ne contient pas votre identifiant',
      'Ne contient ni votre prénom ni votre nom',
      "N'est pas un mot de passe courant",
    ]);
  });

  it('uses plurals, the current password on request, and the strength minimum', () => {
    const labels = checklist(policyWith({ minDigit: 2, minUpper: 3, minStrength: 50 }), 'en', true);
    expect(labels).toEqual(expect.arrayContaining(['At least 2 digits', 'At least 3 upper-case letters', 'Different from the current password', 'Strength of at least 50%']));
    expect(checklist(defaultPolicy, 'fr')).not.toContain('Différent du mot de passe actuel');
  });

  it('carries the rule codes the meter ticks', () => {
    expect(policyChecklist(policyWith({ minClasses: 2 })).map((item) => item.code)).toContain('classes');
  });
});

describe('the current-password sentence', () => {
  it('appears only where the page asks for the current password', () => {
    const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);
    const keysOf = (currentPassword: boolean) => policySentences(defaultPolicy, t, { currentPassword }).map((s) => s.key);
    expect(keysOf(true)).toContain('policy.same_as_current');
    expect(keysOf(false)).not.toContain('policy.same_as_current');
  });
});
