/**
 * Samba AD as an `active-directory` target (another domain, the workstation-login case): the
 * change lands as an administrative reset, the target domain's own policy (its fine-grained one
 * for administrators) is checked before the primary write, and a protected account is refused
 * for good with a reason people can read.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canBind, createPerson, strongPassword, testConfig } from '../../harness/index.ts';
import { canBindAd, createAdPerson, createProtectedAdPerson } from '../../harness/samba-people.ts';
import { makeApp, type TestApp } from '../support/app.ts';
import { acceptedChange, changePassword } from './support/change.ts';
import { waitForStatus } from './support/status.ts';
import { fastSync } from './support/targets.ts';

const samba = inject('samba');
const primary = () => inject('servers').slapd;
let app: TestApp;

beforeAll(async () => {
  app = await makeApp(
    testConfig(
      { slapd: primary(), redis: inject('servers').redis },
      {
        sync: {
          ...fastSync,
          inProcessWorker: true,
          targets: [
            {
              name: 'domaine-postes',
              kind: 'active-directory',
              label: { fr: 'Session Windows', en: 'Windows log-in' },
              url: samba.url,
              caFile: samba.caFile,
              tlsServerName: samba.tlsServerName,
              bindDn: samba.service.dn,
              bindPassword: samba.service.password,
              base: samba.peopleBase,
              timeoutMs: 5000,
              connectTimeoutMs: 2000,
            },
          ],
        },
      },
    ),
    { keep: true },
  );
});
afterAll(async () => {
  await app?.close();
});

describe('an Active Directory domain as a sync target', () => {
  it('resets the account of the same login in the other domain', async () => {
    const person = await createPerson(primary());
    const account = await createAdPerson(samba, { login: person.login });
    const newPassword = strongPassword();
    const sync = await acceptedChange(app, person.login, person.password, newPassword);
    expect(sync.targets).toEqual([{ name: 'domaine-postes', label: 'Session Windows' }]);
    const final = await waitForStatus(app, sync.ref);
    expect(final.targets[0]).toMatchObject({ state: 'done', stateText: 'à jour' });
    expect(await canBindAd(samba, account.dn, newPassword)).toBe(true);
    expect(await canBindAd(samba, account.dn, account.password)).toBe(false);
  });

  it('refuses before writing a password shorter than the target domain asks for this account (its PSO)', async () => {
    const person = await createPerson(primary());
    // Administrators of the other domain have a fine-grained policy of 14 characters.
    await createAdPerson(samba, { login: person.login, groups: ['sysadmins'] });
    const thirteen = 'Kx7!mQ2#vB9@z';
    const { status, body } = await changePassword(app, person.login, person.password, thirteen);
    expect(status).toBe(422);
    expect(body.error?.details?.violations).toEqual([
      { code: 'target_too_short', message: 'Session Windows demande au moins 14 caractères.', source: 'domaine-postes' },
    ]);
    expect(await canBind(primary().url, person.dn, person.password, primary().caFile)).toBe(true);
  });

  it('fails at once, with the reason, for a protected account of the target domain', async () => {
    const person = await createPerson(primary());
    const account = await createProtectedAdPerson(samba, { login: person.login });
    const newPassword = strongPassword();
    const sync = await acceptedChange(app, person.login, person.password, newPassword);
    const final = await waitForStatus(app, sync.ref);
    expect(final.targets[0]).toMatchObject({
      state: 'failed',
      attempts: 1,
      reason: 'protected',
      reasonText: 'ce compte est protégé : il se change auprès des administrateurs',
    });
    expect(await canBindAd(samba, account.dn, account.password)).toBe(true);
  });
});
