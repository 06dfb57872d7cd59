/**
 * @module test/harness/samba-config
 * The Active Directory directory section for a test DC, through the real config schema: the
 * service account over LDAPS, the certificate checked against its name, people under the OU.
 */
import { directorySection, type ActiveDirectoryConfig } from '../../src/config/directory.ts';
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
