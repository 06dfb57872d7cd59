/**
 * MD4 and the NT hash (samba-nt target): RFC 1320 appendix A.5 test suite, and the NT hash of a
 * known password as Samba and Windows compute it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md4, ntHash } from '../../../src/sync/targets/md4.ts';

describe('md4 (RFC 1320 A.5)', () => {
  it.each([
    ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
    ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
    ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
    ['message digest', 'd9130a8164549fe818874806e1c7014b'],
    ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'e33b4ddc9c38f2199c3e7b164fcc0536'],
  ])('MD4(%j) = %s', (message, digest) => {
    expect(md4(Buffer.from(message, 'ascii')).toString('hex')).toBe(digest);
  });

  it.each([
    [55, 'c889c81dd86c4d2e025778944ea02881'],
    [56, 'd5f9a9e9257077a5f08b0b92f348b0ad'],
    [64, '52f5076fabd22680234a3fa9f9dc5732'],
    [119, 'e65dd227ccef97fa1d34d70189120f76'],
    [120, 'b03ddbd470b47c013e0c7ab2ddd763db'],
  ])('pads a %i-byte message right (around the 56 and 64-byte boundaries; values from `openssl dgst -md4 -provider legacy`)', (length, digest) => {
    expect(md4(Buffer.alloc(length, 0x61)).toString('hex')).toBe(digest);
  });

  it('is needed: Node’s default OpenSSL provider has no MD4', () => {
    expect(() => createHash('md4')).toThrow();
  });
});

describe('ntHash', () => {
  it('is the upper-case hex MD4 of the UTF-16LE password (known vector)', () => {
    expect(ntHash('password')).toBe('8846F7EAEE8FB117AD06BDD830B7586C');
  });

  it('encodes accented characters as UTF-16LE (value from iconv -t UTF-16LE | openssl dgst -md4)', () => {
    expect(ntHash('Mésange#Tilleul84')).toBe('D6B86E661D47A0963B0B5F354AB586E1');
  });
});
