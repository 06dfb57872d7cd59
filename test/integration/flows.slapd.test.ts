/** The shared behavioural suite of the three flows, against OpenLDAP (slapd with ppolicy). */
import { inject } from 'vitest';
import { canBind, createPerson, readPasswordState, testConfig } from '../harness/index.ts';
import { runFlowsContract } from './contracts/flows.contract.ts';

const servers = inject('servers');

runFlowsContract({
  name: 'OpenLDAP',
  config: (sink) => testConfig({ ...servers, smtp: sink }, { sync: { inProcessWorker: true }, server: { trustProxy: true } }),
  makePerson: (options = {}) => createPerson(servers.slapd, options),
  canBind: (person, password) => canBind(servers.slapd.url, person.dn, password, servers.slapd.caFile),
  mustChange: async (person) => (await readPasswordState(servers.slapd, person.dn)).pwdReset,
});
