/**
 * @module test/integration/sync/support/targets
 * Target configs pointing at the test receivers, the people on the target side (a second slapd,
 * with the Samba schema), and readers of what the targets hold.
 */
import { Attribute, Change } from 'ldapts';
import type { ConfigInput } from '../../../../src/config/schema.ts';
import { personDn, withAdmin, type SlapdHandle } from '../../../harness/index.ts';
import type { CommandReceiver, WebhookReceiver } from './receivers.ts';

type TargetInput = NonNullable<NonNullable<ConfigInput['sync']>['targets']>[number];

/** LDAP settings shared by the `ldap` and `samba-nt` targets on `slapd`. */
const ldapSettings = (slapd: SlapdHandle) => ({
  url: slapd.url,
  startTls: true,
  caFile: slapd.caFile,
  bindDn: slapd.service.dn,
  bindPassword: slapd.service.password,
  base: slapd.peopleBase,
  timeoutMs: 1500,
  connectTimeoutMs: 1000,
});

export const ldapTarget = (slapd: SlapdHandle, extra: Partial<TargetInput> = {}): TargetInput =>
  ({ name: 'annuaire-pedago', kind: 'ldap', label: { fr: 'Annuaire pédagogique', en: 'Teaching directory' }, ...ldapSettings(slapd), ...extra }) as TargetInput;

export const sambaTarget = (slapd: SlapdHandle, extra: Partial<TargetInput> = {}): TargetInput =>
  ({ name: 'samba-partages', kind: 'samba-nt', label: { fr: 'Partages de fichiers' }, ...ldapSettings(slapd), ...extra }) as TargetInput;

export const webhookTarget = (receiver: WebhookReceiver, extra: Partial<TargetInput> = {}): TargetInput =>
  ({
    name: 'messagerie',
    kind: 'webhook',
    label: { fr: 'Messagerie' },
    url: receiver.url,
    caFile: receiver.caFile,
    secret: receiver.secret,
    includePassword: true,
    publicKeyFile: receiver.publicKeyFile,
    keyId: 'test-2026',
    timeoutMs: 2000,
    ...extra,
  }) as TargetInput;

export const commandTarget = (receiver: CommandReceiver, extra: Partial<TargetInput> = {}): TargetInput =>
  ({ name: 'script-ent', kind: 'command', label: { fr: 'ENT' }, path: receiver.path, env: { OUT_DIR: receiver.dir }, timeoutMs: 10_000, ...extra }) as TargetInput;

/** Short retries, so that fault tests finish in seconds. */
export const fastSync = { attempts: 20, backoffMs: 200, recoveryAfterSeconds: 1, stalledSeconds: 1, deadlineCheckSeconds: 1 };

/**
 * The target side's copy of a person: an inetOrgPerson with the same uid, with the Samba account
 * class when the slapd has the schema. Created as the rootdn (set-up only).
 */
export const createTargetEntry = async (slapd: SlapdHandle, login: string, password = 'Ancien-Mot-De-Passe-1!'): Promise<string> => {
  const dn = personDn(login);
  await withAdmin(slapd, (client) =>
    client.add(dn, {
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson', ...(slapd.sambaSchema ? ['sambaSamAccount'] : [])],
      uid: login,
      cn: login,
      sn: login,
      userPassword: password,
      ...(slapd.sambaSchema ? { sambaSID: `S-1-5-21-1004336348-1177238915-682003330-${1000 + Math.floor(Math.random() * 100_000)}` } : {}),
    }),
  );
  return dn;
};

/** sambaNTPassword and sambaPwdLastSet of an entry, read as the rootdn. */
export const readSambaAttributes = (slapd: SlapdHandle, dn: string) =>
  withAdmin(slapd, async (client) => {
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['sambaNTPassword', 'sambaPwdLastSet'] });
    const entry = searchEntries[0];
    return { ntPassword: entry?.sambaNTPassword as string | undefined, pwdLastSet: entry?.sambaPwdLastSet as string | undefined };
  });

/** Removes an attribute value as the rootdn (to break or repair a target entry). */
export const deleteTargetEntry = (slapd: SlapdHandle, dn: string) => withAdmin(slapd, (client) => client.del(dn));

export { Attribute, Change };
