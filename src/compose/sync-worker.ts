/**
 * @module compose/sync-worker
 * `passerelle worker`: the sync engine in the worker role. Loads no HTTP code and no strength
 * dictionaries, so that the worker stays small.
 */
import type { Config } from '../config/schema.ts';
import type { Logger } from '../lib/logger.ts';
import { createSyncRuntime, type SyncRuntime } from '../sync/runtime.ts';
import { createDirectory } from './directory.ts';

/** `passerelle worker`: sync workers, recovery sweep and deadline watch; undefined without targets. */
export const composeSyncWorker = (config: Config, logger: Logger): SyncRuntime | undefined => {
  if (config.sync.targets.length === 0) return undefined;
  const directory = createDirectory(config, logger);
  const runtime = createSyncRuntime({ config, logger, directory, role: 'worker' });
  return {
    ...runtime,
    async close() {
      await runtime.close();
      await directory.close();
    },
  };
};

