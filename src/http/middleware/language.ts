/**
 * @module http/middleware/language
 * French by default; English from Accept-Language, or from the visible switch (`?lang=en`),
 * which is remembered in a cookie.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLanguage, translator, type Language } from '../../i18n/index.ts';
import type { AppEnv } from '../env.ts';

export const LANGUAGE_COOKIE = 'lang';

/** The best of our languages for an Accept-Language header, by quality. */
export const fromAcceptLanguage = (header: string | undefined): Language | undefined => {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.base).find(isLanguage);
};

export const language = ({ fallback, secureCookies }: { fallback: Language; secureCookies: boolean }): MiddlewareHandler<AppEnv> =>
  async function languageMiddleware(c, next) {
    const asked = c.req.query('lang');
    let lang: Language;
    if (isLanguage(asked)) {
      lang = asked;
      setCookie(c, LANGUAGE_COOKIE, lang, {
        path: '/',
        maxAge: 365 * 24 * 3600,
        sameSite: 'Lax',
        httpOnly: true,
        secure: secureCookies,
      });
    } else {
      const remembered = getCookie(c, LANGUAGE_COOKIE);
      lang = isLanguage(remembered) ? remembered : (fromAcceptLanguage(c.req.header('accept-language')) ?? fallback);
    }
    c.set('lang', lang);
    c.set('t', translator(lang));
    c.header('Content-Language', lang);
    c.header('Vary', 'Accept-Language, Cookie', { append: true });
    await next();
  };
