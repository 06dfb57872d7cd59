/**
 * The sync-status reference: authentic and fresh → the change id; forged, altered or expired →
 * nothing, so that nobody reads another person's status by guessing.
 */
import { describe, expect, it } from 'vitest';
import { createRefCodec } from '../../../src/sync/ref.ts';

const codec = createRefCodec('test-key-0123456789abcdef0123456789', 600);
const id = 'cAbCdEfGhIjKlMnOp';

describe('sync reference', () => {
  it('gives back the change id while valid, and nothing once expired', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const ref = codec.sign(id, now);
    expect(codec.verify(ref, now + 599_000)).toBe(id);
    expect(codec.verify(ref, now + 601_000)).toBeNull();
    // The engine's own receipts still resolve after expiry (commit of a slow request).
    expect(codec.idOf(ref)).toBe(id);
  });

  it('refuses a reference signed with another key, or with any part altered', () => {
    const ref = codec.sign(id);
    expect(createRefCodec('another-key-0123456789abcdef012345', 600).verify(ref)).toBeNull();
    const [refId, expiry, signature] = ref.split('.') as [string, string, string];
    expect(codec.verify(`cAbCdEfGhIjKlMnOq.${expiry}.${signature}`)).toBeNull();
    expect(codec.verify(`${refId}.${(parseInt(expiry, 36) + 1000).toString(36)}.${signature}`)).toBeNull();
    expect(codec.verify(`${refId}.${expiry}.${signature.slice(0, -2)}AA`)).toBeNull();
    expect(codec.verify(`${ref}.x`)).toBeNull();
    expect(codec.verify('')).toBeNull();
    expect(codec.verify('../../etc/passwd')).toBeNull();
  });
});
