/**
 * @module sync/targets/md4
 * MD4 (RFC 1320), for the NT hash only. Node 24's OpenSSL 3 keeps MD4 in the legacy provider,
 * which is not loaded by default (`createHash('md4')` throws "unsupported"), so it is done here.
 * MD4 is broken as a general hash; Samba's sambaNTPassword is defined with it, nothing else.
 */

const rotl = (x: number, s: number) => ((x << s) | (x >>> (32 - s))) >>> 0;
const F = (x: number, y: number, z: number) => (x & y) | (~x & z);
const G = (x: number, y: number, z: number) => (x & y) | (x & z) | (y & z);
const H = (x: number, y: number, z: number) => x ^ y ^ z;

/** RFC 1320 §3.4: word order and shifts of rounds 2 and 3 (round 1 takes the words in order). */
const ROUND2_ORDER = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const ROUND3_ORDER = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
const SHIFTS = [
  [3, 7, 11, 19],
  [3, 5, 9, 13],
  [3, 9, 11, 15],
] as const;

/** The 16-byte MD4 digest of `message`. */
export const md4 = (message: Buffer): Buffer => {
  // §3.1–3.2: append 0x80, zeros up to 56 mod 64, then the bit length as a 64-bit little-endian.
  const paddedLength = (((message.length + 8) >> 6) + 1) << 6;
  const padded = Buffer.alloc(paddedLength);
  message.copy(padded);
  padded[message.length] = 0x80;
  const bits = BigInt(message.length) * 8n;
  padded.writeBigUInt64LE(bits & 0xffffffffffffffffn, paddedLength - 8);

  // §3.3: A, B, C, D.
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const X = new Array<number>(16);
  for (let offset = 0; offset < paddedLength; offset += 64) {
    for (let i = 0; i < 16; i += 1) X[i] = padded.readUInt32LE(offset + i * 4);
    const [aa, bb, cc, dd] = state as [number, number, number, number];
    const rounds: [(x: number, y: number, z: number) => number, number[], number][] = [
      [F, ROUND2_ORDER.map((_, i) => i), 0],
      [G, ROUND2_ORDER, 0x5a827999],
      [H, ROUND3_ORDER, 0x6ed9eba1],
    ];
    rounds.forEach(([fn, order, constant], round) => {
      for (let step = 0; step < 16; step += 1) {
        // Registers rotate each step: [abcd], [dabc], [cdab], [bcda].
        const a = (4 - (step % 4)) % 4;
        const b = (a + 1) % 4;
        const c = (a + 2) % 4;
        const d = (a + 3) % 4;
        const sum = (state[a]! + fn(state[b]!, state[c]!, state[d]!) + X[order[step]!]! + constant) >>> 0;
        state[a] = rotl(sum, SHIFTS[round]![step % 4]!);
      }
    });
    state[0] = (state[0]! + aa) >>> 0;
    state[1] = (state[1]! + bb) >>> 0;
    state[2] = (state[2]! + cc) >>> 0;
    state[3] = (state[3]! + dd) >>> 0;
  }
  const digest = Buffer.alloc(16);
  state.forEach((word, i) => digest.writeUInt32LE(word, i * 4));
  return digest;
};

/** The NT hash of a password: MD4 of its UTF-16LE encoding, as 32 upper-case hex digits (sambaNTPassword). */
export const ntHash = (password: string): string => md4(Buffer.from(password, 'utf16le')).toString('hex').toUpperCase();
