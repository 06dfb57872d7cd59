/**
 * @module test/harness/samba-seed
 * Fills a freshly provisioned, running Samba AD DC (once, when the template is built): OUs, the
 * service account and its delegated rights, groups, fine-grained policies, the fixture people of
 * slapd plus the AD-only ones, and a pool of people whose password will have expired. Writes as
 * Administrator over LDAPS; ACLs through `samba-tool dsacl` on the local database.
 */
import { execFileSync } from 'node:child_process';
import { Attribute, Change, Client } from 'ldapts';
import { fixturePeople, type FixturePerson } from './fixtures/people.ts';
import {
  AD_BIRTH_DATE_ATTRIBUTE, AD_EXPIRED_POOL_SIZE, AD_EXPIRING_POLICY, AD_LOCKOUT_THRESHOLD, AD_SYSADMIN_POLICY, adOnlyPeople,
  adPersonDn, expiredPoolPerson, type AdLayout,
} from './samba-layout.ts';

/** Schema GUIDs (MS-ADA / MS-ADTS) used in the delegation. */
const GUID = {
  userClass: 'bf967aba-0de6-11d0-a285-00aa003049e2',
  resetPassword: '00299570-246d-11d0-a768-00aa006e0529',
  changePassword: 'ab721a53-1e2f-11d0-9819-00aa0040529b',
  unexpirePassword: 'ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501',
  lockoutTime: '28630ebf-41d5-11d1-a9c1-0000f80367c1',
  pwdLastSet: 'bf967a0a-0de6-11d0-a285-00aa003049e2',
};
/** SECURITY_DESCRIPTOR control bit SE_DACL_PROTECTED: no inheritance from the OU (MS-DTYP 2.4.6). */
const SE_DACL_PROTECTED = 0x1000;
/** userAccountControl: NORMAL_ACCOUNT, + ACCOUNTDISABLE, + DONT_EXPIRE_PASSWORD. */
const UAC = { normal: '512', disabled: '514', serviceAccount: '66048' };

export interface SeedTarget {
  client: Client;
  layout: AdLayout;
  realm: string;
  /** The DC's private dir, for `samba-tool dsacl -H <privateDir>/sam.ldb`. */
  privateDir: string;
  /** Opens a new unbound connection to the DC (failed binds need their own). */
  connect: () => Client;
}

const unicodePwd = (password: string) => Buffer.from(`"${password}"`, 'utf16le');

const attributes = (record: Record<string, string | string[] | Buffer | undefined>): Attribute[] =>
  Object.entries(record)
    .filter((entry): entry is [string, string | string[] | Buffer] => entry[1] !== undefined)
    .map(([type, value]) => new Attribute({ type, values: Buffer.isBuffer(value) ? [value] : Array.isArray(value) ? value : [value] }));

const replace = (type: string, values: string[] | Buffer[]) => new Change({ operation: 'replace', modification: new Attribute({ type, values }) });

/** S-1-5-21-… from a binary objectSid (MS-DTYP 2.4.2.2). */
const sidString = (sid: Buffer): string => {
  const count = sid[1] ?? 0;
  const subs = Array.from({ length: count }, (_, i) => sid.readUInt32LE(8 + 4 * i));
  return `S-${sid[0]}-${sid.readUIntBE(2, 6)}-${subs.join('-')}`;
};

const dsacl = (privateDir: string, objectDn: string, sddl: string) => {
  try {
    execFileSync('samba-tool', ['dsacl', 'set', '-H', `${privateDir}/sam.ldb`, `--objectdn=${objectDn}`, `--sddl=${sddl}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`samba-tool dsacl set on ${objectDn} failed: ${(error as { stderr?: Buffer }).stderr?.toString().trim()}`);
  }
};

/** The service account, and rights delegated on the people OU the way an AD administrator would. */
const addServiceAccount = async (target: SeedTarget) => {
  const { client, layout } = target;
  await client.add(layout.service.dn, attributes({
    objectClass: ['top', 'person', 'organizationalPerson', 'user'], sAMAccountName: layout.service.login,
    description: 'Passerelle: reset/change password, lockoutTime, pwdLastSet on OU=Personnels', unicodePwd: unicodePwd(layout.service.password),
    userAccountControl: UAC.serviceAccount,
  }));
  const { searchEntries } = await client.search(layout.service.dn, { scope: 'base', attributes: ['objectSid'], explicitBufferAttributes: ['objectSid'] });
  const sid = sidString(searchEntries[0]!.objectSid as Buffer);
  // Inherit-only ACEs that apply to user objects below the OU.
  const onUsers = (right: string, guid: string) => `(OA;CIIO;${right};${guid};${GUID.userClass};${sid})`;
  dsacl(target.privateDir, layout.peopleBase, [
    onUsers('CR', GUID.resetPassword), onUsers('CR', GUID.changePassword), onUsers('WP', GUID.lockoutTime), onUsers('WP', GUID.pwdLastSet),
  ].join(''));
  dsacl(target.privateDir, layout.baseDn, `(OA;;CR;${GUID.unexpirePassword};;${sid})`);
  // PSOs are readable by Domain Admins only: let Passerelle read them to show the right rules.
  dsacl(target.privateDir, layout.passwordSettings, `(A;CI;RPLCLORC;;;${sid})`);
};

const addPso = (client: Client, layout: AdLayout, name: string, appliesTo: string, settings: { minLength: number; historyLength: number; maxAge: string; precedence: number }) =>
  client.add(`CN=${name},${layout.passwordSettings}`, attributes({
    objectClass: ['top', 'msDS-PasswordSettings'],
    'msDS-PasswordSettingsPrecedence': String(settings.precedence),
    'msDS-PasswordReversibleEncryptionEnabled': 'FALSE',
    'msDS-PasswordHistoryLength': String(settings.historyLength),
    'msDS-PasswordComplexityEnabled': 'TRUE',
    'msDS-MinimumPasswordLength': String(settings.minLength),
    'msDS-MinimumPasswordAge': '0',
    'msDS-MaximumPasswordAge': settings.maxAge,
    'msDS-LockoutThreshold': String(AD_LOCKOUT_THRESHOLD),
    'msDS-LockoutObservationWindow': '-18000000000',
    'msDS-LockoutDuration': '-9223372036854775808',
    'msDS-PSOAppliesTo': appliesTo,
  }));

interface NewAdPerson {
  cn: string;
  login: string;
  password: string;
  firstName: string;
  lastName: string;
  mail?: string | undefined;
  employeeNumber?: string | undefined;
  birthDate?: string | undefined;
  language?: string | undefined;
  disabled?: boolean;
}

/** Adds one person to the people OU; returns the DN. Shared with samba-people.ts. */
export const addAdPerson = async (client: Client, layout: Pick<AdLayout, 'peopleBase'>, realm: string, person: NewAdPerson): Promise<string> => {
  const dn = adPersonDn(layout, person.cn);
  await client.add(dn, attributes({
    objectClass: ['top', 'person', 'organizationalPerson', 'user'],
    sAMAccountName: person.login,
    userPrincipalName: `${person.login}@${realm.toLowerCase()}`,
    givenName: person.firstName,
    sn: person.lastName,
    displayName: `${person.firstName} ${person.lastName}`,
    mail: person.mail,
    employeeNumber: person.employeeNumber,
    [AD_BIRTH_DATE_ATTRIBUTE]: person.birthDate,
    preferredLanguage: person.language ?? 'fr',
    unicodePwd: unicodePwd(person.password),
    userAccountControl: person.disabled ? UAC.disabled : UAC.normal,
  }));
  return dn;
};

/**
 * Windows' SDProp, emulated on `dn` (Samba has none): AdminSDHolder's descriptor with inheritance
 * cut (so the OU's delegation no longer applies), adminCount=1, and the Change Password ACEs for
 * Everyone and SELF that Windows' AdminSDHolder has and Samba's lacks.
 */
export const protectLikeAdminSdHolder = async (client: Client, layout: Pick<AdLayout, 'adminSdHolder'>, privateDir: string, dn: string) => {
  const { searchEntries } = await client.search(layout.adminSdHolder, { scope: 'base', attributes: ['nTSecurityDescriptor'], explicitBufferAttributes: ['nTSecurityDescriptor'] });
  const descriptor = Buffer.from(searchEntries[0]!.nTSecurityDescriptor as Buffer);
  descriptor.writeUInt16LE(descriptor.readUInt16LE(2) | SE_DACL_PROTECTED, 2);
  await client.modify(dn, [replace('nTSecurityDescriptor', [descriptor]), replace('adminCount', ['1'])]);
  dsacl(privateDir, dn, `(OA;;CR;${GUID.changePassword};;WD)(OA;;CR;${GUID.changePassword};;PS)`);
};

/** Display names shared by two people get the login appended to the CN (RDNs must be unique). */
const cnFor = (person: FixturePerson, all: readonly FixturePerson[]) =>
  all.filter((other) => other.displayName.toLowerCase() === person.displayName.toLowerCase()).length > 1 ? `${person.displayName} (${person.login})` : person.displayName;

/**
 * Seeds the domain. Returns the DNs whose pwdLastSet must be moved into the past while the DC is
 * stopped (their password then counts as expired under the one-day fine-grained policy).
 */
export const seedDomain = async (target: SeedTarget): Promise<{ expiredDns: string[] }> => {
  const { client, layout, realm } = target;
  for (const ou of [layout.peopleBase, layout.groupsBase, layout.servicesBase]) {
    await client.add(ou, attributes({ objectClass: ['top', 'organizationalUnit'] }));
  }
  await addServiceAccount(target);

  const members = new Map<string, string[]>(Object.values(layout.groups).map((dn) => [dn, []]));
  for (const name of ['sysadmins', 'helpdesk', 'personnels-rectorat', AD_EXPIRING_POLICY.group] as const) {
    await client.add(layout.groups[name], attributes({ objectClass: ['top', 'group'], sAMAccountName: name }));
  }
  await addPso(client, layout, AD_SYSADMIN_POLICY.name, layout.groups.sysadmins, { ...AD_SYSADMIN_POLICY, maxAge: '-9223372036854775808', precedence: 20 });
  // Samba ignores a maximum age under one day (dsdb: "maxPwdAge: -864000000001 to …"): one day and 100 ns.
  await addPso(client, layout, AD_EXPIRING_POLICY.name, layout.groups[AD_EXPIRING_POLICY.group], { minLength: 7, historyLength: 24, maxAge: '-864000000001', precedence: 10 });

  const expiredDns: string[] = [];
  let locked: { dn: string; password: string } | undefined;
  for (const person of fixturePeople) {
    const dn = await addAdPerson(client, layout, realm, { ...person, cn: cnFor(person, fixturePeople) });
    for (const group of person.groups) members.get(layout.groups[group])!.push(dn);
    if (person.state === 'expired') expiredDns.push(dn);
    if (person.state === 'locked') locked = { dn, password: person.password };
  }
  for (const person of adOnlyPeople) {
    const dn = await addAdPerson(client, layout, realm, { ...person, cn: `${person.firstName} ${person.lastName}`, disabled: person.state === 'disabled' });
    if (person.state === 'must-change') await client.modify(dn, replace('pwdLastSet', ['0']));
    if (person.state === 'protected') {
      members.get(layout.groups.domainAdmins)!.push(dn);
      await protectLikeAdminSdHolder(client, layout, target.privateDir, dn);
    }
  }
  for (let n = 1; n <= AD_EXPIRED_POOL_SIZE; n += 1) {
    const person = expiredPoolPerson(n);
    expiredDns.push(await addAdPerson(client, layout, realm, { ...person, cn: `${person.firstName} ${person.lastName}` }));
  }
  members.get(layout.groups[AD_EXPIRING_POLICY.group])!.push(...expiredDns);
  for (const [group, dns] of members) {
    if (dns.length > 0) await client.modify(group, new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: dns }) }));
  }
  // Locked the AD way: failed log-ons up to the threshold (lockoutTime accepts only 0 from LDAP).
  if (locked) {
    for (let i = 0; i < AD_LOCKOUT_THRESHOLD; i += 1) {
      const attempt = target.connect();
      await attempt.bind(locked.dn, `${locked.password}-faux-${i}`).catch(() => undefined);
      await attempt.unbind().catch(() => undefined);
    }
  }
  return { expiredDns };
};
