/** The logo in mails: sent inside the mail unless it is a remote URL; the shipped SVG becomes its PNG. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMailLogo } from '../../../src/mail/logo.ts';

const templatesRoot = resolve(import.meta.dirname, '../../../templates');

describe('loadMailLogo', () => {
  it('sends the PNG rendering of the shipped logo inside the mail', () => {
    const logo = loadMailLogo({ institutionLogoUrl: '/static/logo.svg', templatesRoot });
    expect(logo.src).toBe('cid:logo@passerelle');
    expect(logo.image).toMatchObject({ cid: 'logo@passerelle', filename: 'logo.png', contentType: 'image/png' });
    expect(Buffer.from(logo.image!.content).subarray(1, 4).toString()).toBe('PNG');
  });

  it('links a remote logo, and embeds a local one the institution chose', () => {
    expect(loadMailLogo({ institutionLogoUrl: 'https://www.ac-exemple.fr/logo.png', templatesRoot })).toEqual({ src: 'https://www.ac-exemple.fr/logo.png' });
    const own = loadMailLogo({ mailLogoUrl: '/static/logo.svg', institutionLogoUrl: '/static/logo.svg', templatesRoot });
    expect(own.image).toMatchObject({ filename: 'logo.svg', contentType: 'image/svg+xml' });
  });

  it('refuses a file outside templates/ or one that does not exist, naming it', () => {
    expect(() => loadMailLogo({ mailLogoUrl: '/../package.json', institutionLogoUrl: '/static/logo.svg', templatesRoot })).toThrow(/outside/);
    expect(() => loadMailLogo({ mailLogoUrl: '/static/absent.png', institutionLogoUrl: '/static/logo.svg', templatesRoot })).toThrow(/absent\.png cannot be read \(ENOENT\)/);
  });
});
