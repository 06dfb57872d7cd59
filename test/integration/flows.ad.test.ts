/** The shared behavioural suite of the three flows, against Active Directory (Samba 4 as a DC). */
import { inject } from 'vitest';
import { adTestConfig } from '../harness/samba-config.ts';
import { canBindAd, createAdPerson, readAdAccount } from '../harness/samba-people.ts';
import { runFlowsContract } from './contracts/flows.contract.ts';

const servers = inject('servers');
const samba = inject('samba');

runFlowsContract({
  name: 'Active Directory (Samba)',
  config: (sink) => adTestConfig({ ...servers, smtp: sink }, samba, { sync: { inProcessWorker: true }, server: { trustProxy: true } }),
  makePerson: (options = {}) => createAdPerson(samba, options),
  canBind: (person, password) => canBindAd(samba, person.dn, password),
  mustChange: async (person) => (await readAdAccount(samba, person.dn)).mustChange,
});
