/**
 * The test slapd itself: the service account is an ordinary account (ppolicy applies to what it
 * writes), TLS works both ways with the harness CA, and the fixtures are there as documented.
 */
import { readFileSync } from 'node:fs';
import { Attribute, Change, Client, PasswordPolicyControl } from 'ldapts';
import { describe, expect, inject, it } from 'vitest';
import { encodePasswordModify, PASSWORD_MODIFY_OID } from '../../src/adapters/ldap/password-modify.ts';
import { fixturePeople, fixtureGroupMembers, GROUPS, personDn } from '../harness/index.ts';
import { canBind, createPerson, readPasswordState, strongPassword, withAdmin } from '../harness/people.ts';

const { slapd } = inject('servers');

/** Runs `operation` bound as the service account over StartTLS. */
const asService = async <T>(operation: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ url: slapd.url, timeout: 5000 });
  try {
    await client.startTLS({ ca: [readFileSync(slapd.caFile)], host: '127.0.0.1' });
    await client.bind(slapd.service.dn, slapd.service.password);
    return await operation(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
};

const resetAs = (client: Client, dn: string, password: string, control?: PasswordPolicyControl) =>
  client.exop(PASSWORD_MODIFY_OID, encodePasswordModify({ userIdentity: dn, newPassword: password }), control ? [control] : undefined);

describe('test slapd', () => {
  it('lets the service account search, and applies ppolicy to its resets (it is not the rootdn)', async () => {
    const person = await createPerson(slapd);
    const second = strongPassword();
    const found = await asService((client) => client.search(slapd.peopleBase, { filter: `(uid=${person.login})`, attributes: ['mail'] }));
    expect(found.searchEntries.map((e) => e.dn)).toEqual([person.dn]);

    await asService((client) => resetAs(client, person.dn, second));
    const control = new PasswordPolicyControl();
    const refused = await asService((client) => resetAs(client, person.dn, person.password, control)).then(
      () => 'accepted',
      (error: { code?: number; message: string }) => `${error.code}: ${error.message}`,
    );
    expect(refused).toMatch(/^19: Password is in history of old passwords/);
    expect(control.value?.error).toBe(8);
    // The rootdn, by contrast, bypasses ppolicy: the same reset goes through.
    await withAdmin(slapd, (client) => resetAs(client, person.dn, person.password));
    expect(await canBind(slapd.url, person.dn, person.password, slapd.caFile)).toBe(true);
    expect((await readPasswordState(slapd, person.dn)).pwdChangedTime).toMatch(/^\d{14}Z$/);
  });

  it('does not let the service account write attributes outside its ACL', async () => {
    const person = await createPerson(slapd);
    const outcome = await asService((client) =>
      client.modify(person.dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'mail', values: ['pirate@ailleurs.example'] }) })),
    ).then(
      () => 'accepted',
      (error: { code?: number }) => error.code,
    );
    expect(outcome).toBe(50);
  });

  it('speaks ldaps:// and StartTLS with the harness CA, and refuses a wrong password on both', async () => {
    const person = await createPerson(slapd);
    expect(await canBind(slapd.ldapsUrl, person.dn, person.password, slapd.caFile)).toBe(true);
    expect(await canBind(slapd.url, person.dn, person.password, slapd.caFile)).toBe(true);
    expect(await canBind(slapd.ldapsUrl, person.dn, `${person.password}x`, slapd.caFile)).toBe(false);
    expect(await canBind(slapd.url, person.dn, `${person.password}x`, slapd.caFile)).toBe(false);
  });

  it('holds every fixture person with their documented password and state', async () => {
    for (const person of fixturePeople) {
      const binds = await canBind(slapd.url, personDn(person.login), person.password, slapd.caFile);
      expect(binds, `${person.login} (${person.note})`).toBe(person.state === undefined);
    }
    const state = await readPasswordState(slapd, personDn('smorel'));
    expect(state.pwdAccountLockedTime).toBeDefined();
  });

  it('holds the three groups with their fixture members', async () => {
    const groups = await asService((client) =>
      client.search(slapd.groupsBase, { filter: '(objectClass=groupOfNames)', attributes: ['cn', 'member'] }),
    );
    const byCn = Object.fromEntries(groups.searchEntries.map((e) => [e.cn, ([] as unknown[]).concat(e.member).map(String)]));
    for (const name of Object.keys(GROUPS) as (keyof typeof GROUPS)[]) {
      expect(byCn[name]?.sort(), name).toEqual(expect.arrayContaining(fixtureGroupMembers(name)));
    }
    expect(fixtureGroupMembers('personnels-rectorat').length).toBeGreaterThan(2);
  });
});
