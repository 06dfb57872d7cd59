/**
 * @module scripts/demo-targets
 * The demo's downstream systems, so that a change visibly reaches them: a second slapd (the
 * « annuaire pédagogique », also holding Samba NT hashes for file shares) and a Samba AD domain
 * controller (the « domaine des postes », where the rectorat's staff log in to their workstations).
 * Demo only; the same harness the tests use.
 */
import { Attribute, Change } from 'ldapts';
import { fixturePeople, personDn, startSlapd, withAdmin, type SlapdHandle } from '../test/harness/index.ts';
import { WORKSTATION_DOMAIN } from '../test/harness/samba-layout.ts';
import { startSambaAd, type SambaHandle } from '../test/harness/samba.ts';

export interface DemoTargets {
  directory: SlapdHandle;
  workstations: SambaHandle;
  /** DEMO_* variables read by config/demo.yml's `sync.targets`. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The target slapd's copies of the demo people become Samba accounts, as on a real file server. */
const makeSambaAccounts = (slapd: SlapdHandle) =>
  withAdmin(slapd, async (client) => {
    for (const [index, person] of fixturePeople.entries()) {
      await client.modify(personDn(person.login), [
        new Change({ operation: 'add', modification: new Attribute({ type: 'objectClass', values: ['sambaSamAccount'] }) }),
        new Change({ operation: 'add', modification: new Attribute({ type: 'sambaSID', values: [`S-1-5-21-3623811015-3361044348-30300820-${1100 + index}`] }) }),
      ]);
    }
  });

export const startDemoTargets = async (progress: (line: string) => void): Promise<DemoTargets> => {
  progress('Démarrage de l’annuaire pédagogique (slapd) et du domaine des postes (Samba AD ; la première fois, sa préparation prend une minute environ)…');
  const [directory, workstations] = await Promise.all([startSlapd({ sambaSchema: true }), startSambaAd({ domain: WORKSTATION_DOMAIN })]);
  await makeSambaAccounts(directory);
  return {
    directory,
    workstations,
    env: {
      DEMO_TARGET_LDAP_URL: directory.url,
      DEMO_TARGET_LDAP_CA: directory.caFile,
      DEMO_TARGET_LDAP_BIND_DN: directory.service.dn,
      DEMO_TARGET_LDAP_BIND_PASSWORD: directory.service.password,
      DEMO_TARGET_LDAP_BASE: directory.peopleBase,
      DEMO_TARGET_AD_URL: workstations.url,
      DEMO_TARGET_AD_CA: workstations.caFile,
      DEMO_TARGET_AD_TLS_NAME: workstations.tlsServerName,
      DEMO_TARGET_AD_BIND_DN: workstations.service.dn,
      DEMO_TARGET_AD_BIND_PASSWORD: workstations.service.password,
      DEMO_TARGET_AD_BASE: workstations.peopleBase,
    },
    stop: async () => {
      await Promise.all([directory.destroy(), workstations.destroy()]);
    },
  };
};
