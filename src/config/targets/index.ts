/**
 * @module config/targets
 * Each kind's own settings, keyed by kind: the config schema and the target registry both read
 * this table. Re-exports and the table only; the schemas live in one file per kind.
 */
import type { z } from 'zod';
import { activeDirectoryTargetSettings } from './active-directory.ts';
import { commandTargetSettings } from './command.ts';
import type { TargetKind } from './kinds.ts';
import { ldapTargetSettings } from './ldap.ts';
import { sambaNtTargetSettings } from './samba-nt.ts';
import { webhookTargetSettings } from './webhook.ts';

export const TARGET_SETTINGS = {
  ldap: ldapTargetSettings,
  'active-directory': activeDirectoryTargetSettings,
  'samba-nt': sambaNtTargetSettings,
  webhook: webhookTargetSettings,
  command: commandTargetSettings,
} satisfies Record<TargetKind, z.ZodRawShape>;

export { TARGET_KINDS, type TargetKind } from './kinds.ts';
export { activeDirectoryTargetRefinement } from './active-directory.ts';
export { webhookTargetRefinement } from './webhook.ts';
