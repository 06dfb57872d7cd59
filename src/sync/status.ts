/**
 * @module sync/status
 * What a person sees of their change: per target, pending / done / failed / superseded, with the
 * time it became final and a reason code (translated by the HTTP layer). Read from the change
 * record through the signed reference; no login, no error text (that is for sysadmins).
 */
import type { Redis } from 'ioredis';
import type { TargetConfig } from '../config/sync.ts';
import type { PublicTargetState, SyncStatus, SyncTargetStatus } from '../ports/sync.ts';
import { readChange, type ChangeRecord } from './changes.ts';
import type { SyncKeys } from './keys.ts';
import type { RefCodec } from './ref.ts';

export type { PublicTargetState, SyncStatus, SyncTargetStatus };

/** The public view of a change record. */
export const publicStatus = (change: ChangeRecord, labels: ReadonlyMap<string, SyncTargetStatus['label']>): SyncStatus => {
  const targets = change.targets.map((name): SyncTargetStatus => {
    const record = change.states[name] ?? { state: 'pending' as const, attempts: 0 };
    const state: PublicTargetState = record.state === 'discarded' ? 'failed' : record.state;
    return {
      name,
      label: labels.get(name) ?? { fr: name },
      state,
      ...(record.at && state !== 'pending' ? { at: new Date(record.at).toISOString() } : {}),
      attempts: record.attempts,
      ...(record.reason ? { reason: record.reason } : {}),
    };
  });
  return {
    createdAt: new Date(change.createdAt).toISOString(),
    deadline: new Date(change.deadline).toISOString(),
    complete: targets.every((target) => target.state !== 'pending'),
    targets,
  };
};

/** Labels by target name, from config (a target without one is shown by its name). */
export const targetLabels = (targets: readonly TargetConfig[]): Map<string, SyncTargetStatus['label']> =>
  new Map(targets.map((target) => [target.name, target.label ?? { fr: target.name }]));

/** The status behind a reference; null when the reference is forged, expired or its change forgotten. */
export const readSyncStatus = async (
  deps: { redis: Redis; keys: SyncKeys; refs: RefCodec; labels: ReadonlyMap<string, SyncTargetStatus['label']> },
  ref: string,
): Promise<SyncStatus | null> => {
  const id = deps.refs.verify(ref);
  if (!id) return null;
  const change = await readChange(deps.redis, deps.keys, id);
  return change ? publicStatus(change, deps.labels) : null;
};
