/**
 * @module test/harness
 * The one place tests, the demo and the bench get real servers from. Re-exports only.
 */
export { startSlapd, type SlapdHandle, type SlapdInfo, type SlapdOptions } from './slapd.ts';
export { startRedis, type RedisHandle, type RedisInfo, type RedisOptions } from './redis.ts';
export { startSmtpSink, type SmtpSink, type SinkMessage } from './smtp.ts';
export { testConfig, rawTestConfig, deepMerge, type ConfigServers, type DeepPartial } from './config.ts';
export {
  createPerson, canBind, lockAccount, readPasswordState, deletePerson, withAdmin, uniqueLogin, strongPassword,
  generalizedTime, type NewPerson, type TestPerson, type PasswordState, type SlapdAdminAccess,
} from './people.ts';
export { fixturePeople, fixture, fixtureGroupMembers, type FixturePerson } from './fixtures/people.ts';
export * from './fixtures/layout.ts';
export { DEFAULT_POLICY, sambaSchemaAvailable } from './slapd-config.ts';
export { freePort, isPortFree } from './ports.ts';
export { makeCertificates, type TestCertificates } from './tls.ts';
export type { TestServers } from './global-setup.ts';
