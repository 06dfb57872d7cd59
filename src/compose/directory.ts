/**
 * @module compose/directory
 * The primary directory adapter the configuration names (the only place that picks one).
 */
import { createActiveDirectory } from '../adapters/active-directory/directory.ts';
import { createOpenLdapDirectory } from '../adapters/openldap/directory.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../lib/logger.ts';
import type { DirectoryPort } from '../ports/directory.ts';

export const createDirectory = (config: Config, logger: Logger): DirectoryPort => {
  if (config.directory.kind === 'openldap') return createOpenLdapDirectory(config.directory, logger.child({ component: 'directory' }));
  return createActiveDirectory(config.directory, logger.child({ component: 'directory' }));
};
