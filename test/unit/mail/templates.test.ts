/** A rebranded template that is missing or malformed stops the start-up with the file's name. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMailTemplates, MailTemplateError } from '../../../src/mail/templates.ts';

const SOURCE = resolve(import.meta.dirname, '../../../templates/mail');
const copies: string[] = [];
const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-mail-'));
  cpSync(SOURCE, dir, { recursive: true });
  copies.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadMailTemplates', () => {
  it('loads the shipped templates, subject from the first line', () => {
    expect(loadMailTemplates(SOURCE).get('password-changed', 'en').subject).toBe('Your password was changed – {{institution.name}}');
  });

  it('names a missing file', () => {
    const dir = copy();
    rmSync(join(dir, 'reset-link.en.html'));
    expect(() => loadMailTemplates(dir)).toThrow(MailTemplateError);
    expect(() => loadMailTemplates(dir)).toThrow(/reset-link\.en\.html: cannot be read \(ENOENT\)/);
  });

  it('names a text template without its subject line, and one Mustache cannot parse', () => {
    const dir = copy();
    writeFileSync(join(dir, 'identity-lockout.fr.txt'), 'Bonjour,\n\nPas de sujet.\n');
    expect(() => loadMailTemplates(dir)).toThrow(/identity-lockout\.fr\.txt: the first line must be "Subject: …"/);
    const other = copy();
    writeFileSync(join(other, 'password-changed.fr.html'), '<p>{{#links}}unclosed</p>');
    expect(() => loadMailTemplates(other)).toThrow(/password-changed\.fr\.html: Unclosed section "links"/);
  });
});
