/**
 * @module test/unit/policy/messages
 * Every rule can be shown: a checklist label and a violation message in both languages, with the
 * same placeholders, filled by the params the rules produce.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, translate } from '../../../src/i18n/index.ts';
import { policyMessages } from '../../../src/i18n/messages/policy.ts';
import { policyChecklist, policySentences } from '../../../src/policy/describe.ts';
import { checkRules } from '../../../src/policy/rules.ts';
import { RULE_ORDER } from '../../../src/policy/text-rules.ts';
import { policyWith } from './policies.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('policy messages', { timeout: 30_000 }, () => {
  it('have a checklist label and a violation for every rule code, in French and English', () => {
    for (const code of RULE_ORDER) {
      for (const language of LANGUAGES) {
        for (const key of [`rule.${code}`, `violation.${code}`]) {
          expect(policyMessages[language][key as keyof (typeof policyMessages)['fr']], `${language} ${key}`).toMatch(/\S/);
        }
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(policyMessages.fr) as (keyof (typeof policyMessages)['fr'])[]) {
      expect(placeholders(policyMessages.en[key]), key).toEqual(placeholders(policyMessages.fr[key]));
    }
  });

  it('are fully filled by the params each rule produces', () => {
    const policy = policyWith({ minClasses: 3, forbiddenCharacters: ';', minStrength: 40, words: ['Sorbonne'] });
    const rules = checkRules('', policy, { currentPassword: 'x' });
    expect(rules.length).toBeGreaterThanOrEqual(RULE_ORDER.length - 1);
    for (const rule of rules) {
      for (const language of LANGUAGES) {
        expect(translate(language, `violation.${rule.code}`, rule.params), rule.code).not.toMatch(/\{\w+\}/);
      }
    }
    for (const item of policyChecklist(policy, { currentPassword: true })) {
      expect(translate('fr', item.key, item.params), item.key).not.toMatch(/\{\w+\}/);
    }
  });

  it('cover every key the help panel uses', () => {
    const t = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
    const sentences = policySentences(policyWith({ minClasses: 2, forbiddenCharacters: ';', minStrength: 40, words: ['X'], breached: { enabled: true } }), t, { currentPassword: true });
    for (const sentence of sentences) expect(Object.keys(policyMessages.en), sentence.key).toContain(sentence.key);
  });
});
