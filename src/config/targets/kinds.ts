/**
 * @module config/targets/kinds
 * The closed list of target kinds. Every table keyed by kind (settings schemas, implementations)
 * is typed `Record<TargetKind, …>`, so adding a kind here fails to compile until it is handled.
 */

export const TARGET_KINDS = ['ldap', 'active-directory', 'samba-nt', 'webhook', 'command'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
