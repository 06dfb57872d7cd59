/** Mail jobs sit in Redis sealed: nothing personal in clear, tampering refused. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openMailJob, sealMailJob } from '../../../src/mail/job.ts';
import { createSealer } from '../../../src/lib/seal.ts';
import type { MailJob } from '../../../src/ports/mail-queue.ts';

const sealer = createSealer([{ id: 'k1', key: randomBytes(32).toString('base64') }]);
const job: MailJob = {
  kind: 'reset-request',
  query: { lastName: 'Lefèvre-Dupont', firstName: 'Éloïse', mail: 'eloise.lefevre-dupont@ac-exemple.fr' },
  origin: { requestId: 'r-1', ip: '192.0.2.10', language: 'fr' },
};

describe('mail job sealing', () => {
  it('keeps only the kind readable, and opens to the same job', () => {
    const sealed = sealMailJob(sealer, job);
    expect(JSON.stringify(sealed)).not.toContain('Lef');
    expect(JSON.stringify(sealed)).not.toContain('ac-exemple');
    expect(sealed.kind).toBe('reset-request');
    expect(openMailJob(sealer, sealed)).toEqual(job);
  });

  it('refuses a tampered job and one sealed with another key', () => {
    const sealed = sealMailJob(sealer, job);
    const parts = sealed.sealed.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    expect(() => openMailJob(sealer, { ...sealed, sealed: parts.join('.') })).toThrow();
    const other = createSealer([{ id: 'k1', key: randomBytes(32).toString('base64') }]);
    expect(() => openMailJob(other, sealed)).toThrow();
  });
});
