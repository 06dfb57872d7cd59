/**
 * @module mail/logo
 * The logo in mails. A remote https logo is linked as it is; a local one (a path under /static, or
 * the shipped default) is sent inside the mail and shown by `cid:`, because mail clients block
 * remote images until asked and browsers refuse our /static files to other sites
 * (Cross-Origin-Resource-Policy). The shipped SVG logo is replaced by its PNG rendering
 * (templates/mail/logo.png): most mail clients do not draw SVG.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, resolve, sep } from 'node:path';
import type { InlineImage } from '../ports/mailer.ts';

export interface MailLogo {
  /** What the template's `<img src>` gets. */
  src: string;
  image?: InlineImage | undefined;
}

export const LOGO_CID = 'logo@passerelle';

/** The logo every fresh install shows; mails use its PNG rendering instead. */
const DEFAULT_PAGE_LOGO = '/static/logo.svg';

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

export interface MailLogoSettings {
  /** config mail.logoUrl */
  mailLogoUrl?: string | undefined;
  /** config institution.logoUrl */
  institutionLogoUrl: string;
  /** The templates/ directory (holding static/ and mail/). */
  templatesRoot: string;
}

/** Reads the logo once (start-up); throws naming the file when it cannot be read. */
export const loadMailLogo = ({ mailLogoUrl, institutionLogoUrl, templatesRoot }: MailLogoSettings): MailLogo => {
  const chosen = mailLogoUrl ?? (institutionLogoUrl === DEFAULT_PAGE_LOGO ? undefined : institutionLogoUrl);
  if (chosen && /^https?:\/\//i.test(chosen)) return { src: chosen };
  const root = resolve(templatesRoot);
  const file = chosen ? resolve(root, chosen.replace(/^\/+/, '')) : resolve(root, 'mail', 'logo.png');
  if (!file.startsWith(root + sep)) throw new Error(`mail logo ${chosen} is outside ${root}`);
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) throw new Error(`mail logo ${file}: use a PNG, JPEG, GIF, WebP or SVG file`);
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    throw new Error(`mail logo ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return { src: `cid:${LOGO_CID}`, image: { cid: LOGO_CID, filename: basename(file), contentType, content } };
};
