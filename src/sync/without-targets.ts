/**
 * @module sync/without-targets
 * The sync port when the configuration declares no downstream target: there is nothing to copy,
 * so nothing is written and the receipt lists no target.
 */
import type { SyncPort } from '../ports/sync.ts';

export const syncWithoutTargets = (): SyncPort => ({
  precheck: async () => [],
  prepare: async (person) => ({ ref: '', login: person.login, sequence: 0, targets: [], deadline: new Date().toISOString() }),
  commit: async () => {},
  abandon: async () => {},
  release: async () => {},
});
