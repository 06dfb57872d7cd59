/**
 * @module http/api/request
 * Small pieces every API route uses: the request facts for the flows, and the public view of a
 * sync receipt.
 */
import type { Context } from 'hono';
import type { PreparedSync } from '../../ports/sync.ts';
import type { AppEnv, RequestMeta } from '../env.ts';

export const requestMeta = (c: Context<AppEnv>): RequestMeta => ({
  requestId: c.var.requestId,
  ip: c.var.ip,
  userAgent: c.req.header('user-agent'),
  language: c.var.lang,
});

export const syncReceipt = (c: Context<AppEnv>, sync: PreparedSync) => ({
  ref: sync.ref,
  deadline: sync.deadline,
  targets: sync.targets.map((target) => ({ name: target.name, label: target.label[c.var.lang] ?? target.label.fr })),
});
