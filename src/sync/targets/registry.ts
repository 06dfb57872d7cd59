/**
 * @module sync/targets/registry
 * Every target kind's implementation, keyed by kind: a kind added to TARGET_KINDS and forgotten
 * here fails to compile.
 */
import type { TargetConfig } from '../../config/sync.ts';
import { createActiveDirectoryTarget } from './active-directory.ts';
import { createCommandTarget } from './command.ts';
import { createLdapTarget } from './ldap.ts';
import { createSambaNtTarget } from './samba-nt.ts';
import type { TargetKind } from '../../config/targets/kinds.ts';
import type { SyncTarget, TargetContext, TargetFactory } from './types.ts';
import { createWebhookTarget } from './webhook.ts';

export const TARGET_FACTORIES: { [K in TargetKind]: TargetFactory<K> } = {
  ldap: createLdapTarget,
  'active-directory': createActiveDirectoryTarget,
  'samba-nt': createSambaNtTarget,
  webhook: createWebhookTarget,
  command: createCommandTarget,
} satisfies Record<TargetKind, unknown>;

/** Builds the target a config entry describes. */
export const createTarget = (config: TargetConfig, context: TargetContext): SyncTarget =>
  (TARGET_FACTORIES[config.kind] as TargetFactory<TargetKind>)(config as never, context);

/** Every configured target, by name. */
export const createTargets = (configs: readonly TargetConfig[], context: TargetContext): Map<string, SyncTarget> =>
  new Map(configs.map((config) => [config.name, createTarget(config, context)]));
