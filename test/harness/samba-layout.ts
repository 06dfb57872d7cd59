/**
 * @module test/harness/samba-layout
 * Where things live in the test Active Directory domains, and the people only AD has. The fixture
 * people of slapd (fixtures/people.ts) are seeded into AD too, with the same logins and passwords;
 * their birth date goes to msDS-cloudExtensionAttribute1 (AD has no birth-date attribute; the
 * cloud extension attributes are free for an institution's own data since Windows Server 2012).
 */
import { escapeDnValue } from './fixtures/layout.ts';

/** One test domain: the academy's (primary directory) or the workstations' (a sync target). */
export interface AdDomain {
  /** Kerberos realm, upper case: AC-EXEMPLE.TEST */
  realm: string;
  /** NetBIOS domain name: ACEXEMPLE */
  netbios: string;
}

export const ACADEMY_DOMAIN: AdDomain = { realm: 'AC-EXEMPLE.TEST', netbios: 'ACEXEMPLE' };
export const WORKSTATION_DOMAIN: AdDomain = { realm: 'POSTES.AC-EXEMPLE.TEST', netbios: 'POSTES' };

/** Samba's Administrator: set-up and assertions only, never the code under test. */
export const AD_ADMIN_PASSWORD = 'Admin-AD-Test-2026!';
/** The account Passerelle binds as: rights delegated on the people OU only (see samba-seed.ts). */
export const AD_SERVICE_PASSWORD = 'Service-Passerelle-AD-2026!';
/** Attribute holding the birth date (YYYYMMDD) in the test domains. */
export const AD_BIRTH_DATE_ATTRIBUTE = 'msDS-cloudExtensionAttribute1';
/** Failed log-ons before lock-out (domain policy); the lock-out lasts until an administrator clears it. */
export const AD_LOCKOUT_THRESHOLD = 5;
/** Domain policy set at provisioning (samba-tool domain passwordsettings set). */
export const AD_DOMAIN_POLICY = { minLength: 7, complexity: true, historyLength: 24, minAgeSeconds: 0, maxAgeSeconds: 0 } as const;
/** Fine-grained policy for the sysadmins group. */
export const AD_SYSADMIN_POLICY = { name: 'PSO-Administrateurs', minLength: 14, complexity: true, historyLength: 24 } as const;
/** Fine-grained policy whose passwords expire after a day (Samba ignores a maximum age under a day). */
export const AD_EXPIRING_POLICY = { name: 'PSO-Expiration-1-jour', group: 'mdp-expire' } as const;
/** People made expired in the template, handed out one per test (samba-people.ts claimExpiredPerson). */
export const AD_EXPIRED_POOL_SIZE = 24;

/** Distinguished names of one domain. */
export const adLayout = (domain: AdDomain) => {
  const baseDn = domain.realm.toLowerCase().split('.').map((part) => `DC=${part}`).join(',');
  const peopleBase = `OU=Personnels,${baseDn}`;
  const groupsBase = `OU=Groupes,${baseDn}`;
  const servicesBase = `OU=Services,${baseDn}`;
  return {
    baseDn,
    peopleBase,
    groupsBase,
    servicesBase,
    admin: { dn: `CN=Administrator,CN=Users,${baseDn}`, password: AD_ADMIN_PASSWORD },
    service: { dn: `CN=passerelle,${servicesBase}`, password: AD_SERVICE_PASSWORD, login: 'svc-passerelle' },
    groups: {
      sysadmins: `CN=sysadmins,${groupsBase}`,
      helpdesk: `CN=helpdesk,${groupsBase}`,
      'personnels-rectorat': `CN=personnels-rectorat,${groupsBase}`,
      [AD_EXPIRING_POLICY.group]: `CN=${AD_EXPIRING_POLICY.group},${groupsBase}`,
      domainAdmins: `CN=Domain Admins,CN=Users,${baseDn}`,
    },
    passwordSettings: `CN=Password Settings Container,CN=System,${baseDn}`,
    adminSdHolder: `CN=AdminSDHolder,CN=System,${baseDn}`,
  };
};
export type AdLayout = ReturnType<typeof adLayout>;

/** The CN of a seeded person: the display name, with the login when two people share it. */
export const adPersonDn = (layout: Pick<AdLayout, 'peopleBase'>, cn: string): string => `CN=${escapeDnValue(cn)},${layout.peopleBase}`;

export interface AdOnlyPerson {
  login: string;
  password: string;
  firstName: string;
  lastName: string;
  mail?: string;
  state: 'must-change' | 'disabled' | 'protected';
  note: string;
}

/** People only the AD domains have, each in a state AD expresses its own way. */
export const adOnlyPeople: readonly AdOnlyPerson[] = [
  {
    login: 'pmercier', password: 'Tramontane!Olivier31', firstName: 'Pauline', lastName: 'Mercier',
    mail: 'pauline.mercier@ac-exemple.fr', state: 'must-change', note: 'must change her password at next log-on (pwdLastSet 0)',
  },
  {
    login: 'hroux', password: 'Castor&Rivière62', firstName: 'Hugo', lastName: 'Roux',
    mail: 'hugo.roux@ac-exemple.fr', state: 'disabled', note: 'account disabled (userAccountControl 514)',
  },
  {
    login: 'adm-cfontaine', password: 'Bastion#Granit-2026', firstName: 'Claire', lastName: 'Fontaine (admin)',
    state: 'protected', note: 'Domain Admins member, adminCount=1, AdminSDHolder security descriptor: no delegated reset',
  },
];

/** The expired pool's nth person (1-based). */
export const expiredPoolPerson = (n: number) => {
  const suffix = String(n).padStart(2, '0');
  return { login: `expire${suffix}`, password: `Automne!Expire-${suffix}x`, firstName: 'Camille', lastName: `Expirée-${suffix}` };
};
