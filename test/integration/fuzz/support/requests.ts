/**
 * @module test/integration/fuzz/support/requests
 * fast-check arbitraries of hostile HTTP requests against every route of the app, pages and API:
 * random JSON, wrong types, missing and extra fields, oversized bodies, wrong content types,
 * invalid UTF-8, NUL bytes, 100 kB strings, LDAP filter metacharacters, CRLF in mail fields,
 * path tricks in tokens and references, odd cookies and languages.
 */
import fc from 'fast-check';

export interface FuzzRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | undefined;
  /** What the case is, for the counts printed at the end. */
  label: string;
}

export interface FuzzContext {
  /** Logins that exist, so that some cases reach the directory with a real account. */
  logins: readonly string[];
  apiKey: string;
  bodyLimitBytes: number;
  origin: string;
}

/** Values that have broken portals before. */
const HOSTILE = [
  '*)(uid=*',
  'admin)(|(uid=*',
  '*',
  '\\2a',
  '(&)',
  ')(objectClass=*',
  'a\u0000b',
  '\u0000',
  'jdupont\r\nBcc: victim@example.org',
  'x@example.org\r\nSubject: hi\r\n\r\nbody',
  '=?utf-8?q?=0D=0ABcc:_x@example.org?=',
  '../../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '${jndi:ldap://127.0.0.1/a}',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '\uD800',
  '\u202Eevil',
  'ａｄｍｉｎ',
  'Éloïse Lefèvre-Dupont',
  '',
  ' ',
  '0000-00-00',
  '31/02/1990',
  '2026-13-45',
];

const KB100 = 'A'.repeat(100 * 1024);

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(KB100) },
  { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 3000 }) },
);

/** Any JSON value a careless client might send for a field. */
const fieldValue = (logins: readonly string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: hostileText },
    { weight: 2, arbitrary: fc.constantFrom(...logins) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileText, { maxKeys: 3 }) },
  );

interface Route {
  method: 'GET' | 'POST';
  path: fc.Arbitrary<string>;
  /** Field names the route expects (some of them are sent, with any values). */
  fields: readonly string[];
  api: boolean;
}

const fixed = (path: string) => fc.constant(path);
/** encodeURIComponent refuses lone surrogates; the raw segments below carry the bytes it cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A path segment from any text: percent-encoded, lone surrogates replaced, never empty. */
export const pathSegment = (text: string): string => encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')) || 'x';
const encoded = fc.oneof(hostileText, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)).map((text) => pathSegment(text).slice(0, 4000));
const rawSegment = fc.constantFrom('..', '%2e%2e', '%2F', '%00', '.%2e/', '%252e', 'a%ZZ', '%C0%AF', '~root');

const CHANGE_FIELDS = ['login', 'currentPassword', 'newPassword'];
const RESET_MAIL_FIELDS = ['lastName', 'firstName', 'mail', 'login'];
const PAGE_CAPTCHA = ['captchaId', 'captchaAnswer'];

const ROUTES: readonly Route[] = [
  { method: 'POST', path: fixed('/api/v1/password/change'), fields: [...CHANGE_FIELDS, 'captcha'], api: true },
  { method: 'POST', path: fixed('/api/v1/password/strength'), fields: ['password', 'login'], api: true },
  { method: 'POST', path: fixed('/api/v1/reset/mail'), fields: [...RESET_MAIL_FIELDS, 'captcha'], api: true },
  { method: 'POST', path: fixed('/api/v1/reset/token'), fields: ['token', 'newPassword'], api: true },
  { method: 'POST', path: fixed('/api/v1/reset/identity'), fields: ['login', 'proofs', 'newPassword', 'captcha'], api: true },
  { method: 'POST', path: fixed('/api/v1/captcha'), fields: [], api: true },
  { method: 'GET', path: encoded.map((ref) => `/api/v1/password/sync-status/${ref}`), fields: [], api: true },
  { method: 'GET', path: rawSegment.map((segment) => `/api/v1/password/sync-status/${segment}`), fields: [], api: true },
  { method: 'POST', path: fixed('/change'), fields: [...CHANGE_FIELDS, 'confirmPassword', ...PAGE_CAPTCHA], api: false },
  { method: 'POST', path: fixed('/forgot'), fields: [...RESET_MAIL_FIELDS, ...PAGE_CAPTCHA], api: false },
  { method: 'POST', path: fixed('/reset/identity'), fields: ['login', 'staffNumber', 'birthDate', 'newPassword', 'confirmPassword', ...PAGE_CAPTCHA], api: false },
  { method: 'POST', path: fixed('/reset/password'), fields: ['token', 'newPassword', 'confirmPassword', ...PAGE_CAPTCHA], api: false },
  { method: 'GET', path: fc.oneof(encoded, rawSegment).map((token) => `/reset/${token}`), fields: [], api: false },
  { method: 'GET', path: fc.constantFrom('/', '/change', '/forgot', '/forgot/sent', '/reset/identity', '/reset/password', '/captcha/new', '/captcha/altcha-challenge', '/healthz', '/readyz', '/metrics', '/api/docs', '/api/openapi.json', '/admin', '/admin/login', '/admin/jobs', '/admin/person', '/admin/audit', '/admin/live'), fields: [], api: false },
  { method: 'GET', path: fc.tuple(encoded, encoded).map(([target, id]) => `/admin/jobs/${target}/${id}`), fields: [], api: false },
  { method: 'GET', path: fc.tuple(fc.constantFrom('/test/captcha/', '/static/', '/static/js/', '/admin/confirm/'), fc.oneof(encoded, rawSegment)).map(([base, rest]) => `${base}${rest}`), fields: [], api: false },
  { method: 'POST', path: fc.constantFrom('/admin/login', '/admin/logout', '/admin/actions/retry', '/admin/actions/discard', '/admin/actions/pause'), fields: ['username', 'password', 'next', 'target', 'job', 'reason', '_csrf'], api: false },
  { method: 'GET', path: fc.webPath().map((path) => path || '/'), fields: [], api: false },
  { method: 'POST', path: fc.webPath().map((path) => path || '/'), fields: ['a'], api: false },
];

/** Header values the HTTP layer would accept at all (no CR, LF, NUL; bytes only). */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').slice(0, 2000);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=latin1',
  '',
);

/** A body for a route: its fields (some missing, some wrong), extra fields, in some encoding. */
const bodyFor = (route: Route, context: FuzzContext) => {
  const fieldsObject = fc
    .tuple(fc.subarray([...route.fields]), fc.dictionary(fc.string({ maxLength: 12 }), fieldValue(context.logins), { maxKeys: 2 }))
    .chain(([names, extra]) =>
      fc.tuple(...names.map(() => fieldValue(context.logins))).map((values) => ({ ...extra, ...Object.fromEntries(names.map((name, i) => [name, values[i]])) })),
    );
  const asForm = (object: Record<string, unknown>) =>
    new URLSearchParams(Object.entries(object).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])).toString();
  const invalidUtf8 = fc
    .tuple(fc.constantFrom(...route.fields, 'x'), fc.constantFrom([0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x00]))
    .map(([field, bytes]) => Buffer.concat([Buffer.from(`{"${field}":"`), Buffer.from(bytes), Buffer.from('"}')]));
  // Every field there with the type it wants, hostile only in content: these go deepest (the
  // directory search, the policy, the proofs, the token store).
  const shortText = fc.oneof(
    fc.constantFrom(...context.logins),
    fc.constantFrom(...HOSTILE),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.emailAddress(),
    fc.constantFrom(...context.logins).map((login) => `${login}@ac-exemple.fr`),
  );
  const wellTyped = fc.tuple(fc.subarray([...route.fields], { minLength: Math.min(1, route.fields.length) }), fc.array(shortText, { minLength: route.fields.length + 2, maxLength: route.fields.length + 2 })).map(([names, values]) => {
    const object: Record<string, unknown> = Object.fromEntries(names.map((name, i) => [name, values[i]]));
    if ('captcha' in object) object.captcha = { id: values.at(-2), answer: values.at(-1) };
    if ('proofs' in object) object.proofs = { staffNumber: values.at(-2), birthDate: values.at(-1) };
    return object;
  });
  return fc.oneof(
    { weight: 3, arbitrary: wellTyped.map((object) => ({ label: 'well-typed fields', body: JSON.stringify(object), type: 'application/json' })) },
    { weight: 2, arbitrary: wellTyped.map((object) => ({ label: 'well-typed form', body: asForm(object), type: 'application/x-www-form-urlencoded' })) },
    fieldsObject.map((object) => ({ label: 'json fields', body: JSON.stringify(object), type: 'application/json' })),
    fieldsObject.map((object) => ({ label: 'form fields', body: asForm(object), type: 'application/x-www-form-urlencoded' })),
    fc.tuple(fieldsObject, contentType).map(([object, type]) => ({ label: 'wrong content type', body: JSON.stringify(object), type })),
    fc.jsonValue().map((value) => ({ label: 'random json', body: JSON.stringify(value) ?? 'null', type: 'application/json' })),
    fc.string({ maxLength: 200 }).map((text) => ({ label: 'broken json', body: `{${text}`, type: 'application/json' })),
    invalidUtf8.map((bytes) => ({ label: 'invalid utf-8', body: new Uint8Array(bytes) as Uint8Array<ArrayBuffer>, type: 'application/json' })),
    invalidUtf8.map((bytes) => ({ label: 'invalid utf-8 form', body: new Uint8Array(bytes) as Uint8Array<ArrayBuffer>, type: 'application/x-www-form-urlencoded' })),
    fc.integer({ min: 1, max: 64 * 1024 }).map((extra) => ({ label: 'oversized', body: 'x'.repeat(context.bodyLimitBytes + extra), type: 'application/json' })),
    fc.constant({ label: 'empty', body: '', type: 'application/json' }),
  );
};

/** One hostile request, on any route. */
export const fuzzRequest = (context: FuzzContext): fc.Arbitrary<FuzzRequest> =>
  fc.oneof(...ROUTES.map((route) => ({ weight: route.method === 'POST' ? 4 : 1, arbitrary: fc.constant(route) }))).chain((route) =>
    fc
      .record({
        path: route.path,
        query: fc.option(fc.webQueryParameters(), { nil: undefined }),
        body: route.method === 'POST' ? bodyFor(route, context) : fc.constant(undefined),
        apiKey: fc.constantFrom('valid', 'none', 'wrong'),
        origin: fc.constantFrom('same', 'none', 'evil', 'null'),
        language: fc.option(fc.oneof(fc.constantFrom('fr', 'en-GB,en;q=0.9', 'de', '*', ';;q=x', 'xx-YY'), hostileText), { nil: undefined }),
        cookie: fc.option(
          fc.tuple(fc.constantFrom('lang', 'passerelle_admin', 'passerelle_reset', '__Host-x'), hostileText).map(([name, value]) => `${name}=${headerSafe(value)}`),
          { nil: undefined },
        ),
      })
      .map(({ path, query, body, apiKey, origin, language, cookie }) => {
        const headers: Record<string, string> = {};
        if (body?.type) headers['content-type'] = body.type;
        if (apiKey === 'valid') headers['x-api-key'] = context.apiKey;
        if (apiKey === 'wrong') headers['x-api-key'] = 'not-a-key-0123456789abcdefgh';
        if (origin === 'same') Object.assign(headers, { origin: context.origin, 'sec-fetch-site': 'same-origin' });
        if (origin === 'evil') Object.assign(headers, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
        if (origin === 'null') headers.origin = 'null';
        if (language !== undefined) headers['accept-language'] = headerSafe(language);
        if (cookie !== undefined) headers.cookie = cookie;
        const fullPath = query ? `${path}?${query}` : path;
        return { method: route.method, path: fullPath, headers, body: body?.body, label: `${route.method} ${route.api ? 'api' : 'page'}: ${body?.label ?? 'no body'}` };
      }),
  );
