import { describe, expect, it } from 'vitest';
import { PasserelleError } from '../../../src/errors.ts';
import { errorBody, ERROR_STATUS } from '../../../src/http/errors.ts';
import { hasMessage, translator } from '../../../src/i18n/index.ts';

const t = translator('fr');

describe('the error table', () => {
  it('gives every code a status and a message in both languages', () => {
    for (const [code, { status, key }] of Object.entries(ERROR_STATUS)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(hasMessage(key), key).toBe(true);
      expect(translator('en')(key)).not.toBe(t(key));
    }
  });

  it('says minutes for short waits and hours for long ones', () => {
    const short = new PasserelleError('rate_limited', 'x', { details: { retryAfterSeconds: 125 } });
    const long = new PasserelleError('rate_limited', 'x', { details: { retryAfterSeconds: 86_400 } });
    expect(errorBody(t, short, 'r').error.message).toBe('Trop de tentatives. Réessayez dans 3 minute(s).');
    expect(errorBody(t, long, 'r').error.message).toBe('Trop de tentatives. Réessayez dans 24 heure(s).');
    expect(errorBody(translator('en'), long, 'r').error.message).toBe('Too many attempts. Try again in 24 hour(s).');
  });

  it('translates violations and keeps their code and source, never the context', () => {
    const error = new PasserelleError('policy', 'x', {
      details: { violations: [{ code: 'directory_in_history', source: 'directory' }] },
      context: { dn: 'uid=secret' },
    });
    const body = errorBody(t, error, 'req-1');
    expect(body.error.details?.violations?.[0]).toMatchObject({ code: 'directory_in_history', source: 'directory' });
    expect(body.error.details?.violations?.[0]?.message).toMatch(/\S/);
    expect(JSON.stringify(body)).not.toContain('uid=secret');
    expect(body.error.requestId).toBe('req-1');
  });
});
