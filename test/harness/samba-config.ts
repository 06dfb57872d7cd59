/**
 * @module test/harness/samba-config
 * The Active Directory directory section for a test DC, through the real config schema: the
 * service account over LDAPS, the certificate checked against its name, people under the OU.
 */
import { directorySection, type ActiveDirectoryConfig } from '../../src/config/directory.ts';
import { resetIdentitySection } from '../../src/config/flows.ts';
import { parseConfig } from '../../src/config/load.ts';
import type { Config, ConfigInput } from '../../src/config/schema.ts';
import { deepMerge, rawTestConfig, type ConfigServers, type DeepPartial } from './config.ts';
import { AD_BIRTH_DATE_ATTRIBUTE } from './samba-layout.ts';
import type { SambaInfo } from './samba.ts';

export type AdConfigServer = Pick<SambaInfo, 'url' | 'caFile' | 'tlsServerName' | 'service' | 'peopleBase'>;

/** What `directory:` holds for this DC (the demo and testConfig can use it as raw config). */
export const rawAdDirectory = (samba: AdConfigServer, overrides: Record<string, unknown> = {}) => ({
  kind: 'active-directory' as const,
  url: samba.url,
  caFile: samba.caFile,
  tlsServerName: samba.tlsServerName,
  bindDn: samba.service.dn,
  bindPassword: samba.service.password,
  base: samba.peopleBase,
  ...overrides,
});

/** The parsed section, ready for createActiveDirectory(); throws the schema's error on bad overrides. */
export const adDirectoryConfig = (samba: AdConfigServer, overrides: Record<string, unknown> = {}): ActiveDirectoryConfig => {
  const parsed = directorySection.parse(rawAdDirectory(samba, overrides));
  if (parsed.kind !== 'active-directory') throw new Error('expected an active-directory config');
  return parsed;
};

/**
 * A whole test Config (as testConfig builds it) with the Samba DC as the primary directory: the
 * sysadmin and help-desk groups of the AD domain, and the birth-date proof read from
 * msDS-cloudExtensionAttribute1. For the flow tests once compose.ts builds the AD adapter.
 */
export const adTestConfig = (servers: ConfigServers, samba: AdConfigServer & Pick<SambaInfo, 'groups'>, overrides: DeepPartial<ConfigInput> = {}): Config => {
  const proofs = resetIdentitySection.parse({}).proofs.map((proof) =>
    proof.name === 'birthDate' ? { ...proof, attributes: [AD_BIRTH_DATE_ATTRIBUTE] } : proof,
  );
  const raw = {
    ...rawTestConfig(servers),
    directory: rawAdDirectory(samba),
    admin: { sysadminGroup: samba.groups.sysadmins, helpdeskGroup: samba.groups.helpdesk },
    resetIdentity: { proofs },
  };
  return parseConfig(deepMerge(raw, overrides), 'adTestConfig');
};
