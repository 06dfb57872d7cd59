/**
 * @module test/integration/support/ldap-proxy
 * A TCP proxy in front of slapd's plain LDAP port that can lose the answer to a password write:
 * armed, it forwards the next Password Modify request to slapd (which applies it), then cuts the
 * client's connection and throws slapd's answer away. That is what a directory stopped or a
 * network cut under a write looks like from Passerelle, made deterministic: the write took, and
 * nobody said so. It reads the LDAP framing (BER) of what clients send, never the content.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { PASSWORD_MODIFY_OID } from '../../../src/adapters/ldap/index.ts';

export interface LdapProxy {
  url: string;
  /** The next Password Modify request goes through; its answer does not come back. */
  loseNextWriteAnswer(): void;
  /** How many answers were lost so far. */
  lost(): number;
  close(): Promise<void>;
}

/** RFC 4511 protocolOp tag of an ExtendedRequest: [APPLICATION 23], constructed. */
const EXTENDED_REQUEST = 0x77;

/** The length of the first complete BER element in `buffer`, or undefined if it is not all there. */
const elementLength = (buffer: Buffer): number | undefined => {
  if (buffer.length < 2) return undefined;
  const first = buffer[1]!;
  if (first < 0x80) return buffer.length >= 2 + first ? 2 + first : undefined;
  const count = first & 0x7f;
  if (buffer.length < 2 + count) return undefined;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + buffer[2 + i]!;
  return buffer.length >= 2 + count + length ? 2 + count + length : undefined;
};

/** The protocolOp tag of one LDAPMessage: after SEQUENCE header and the messageID INTEGER. */
const operationTag = (message: Buffer): number | undefined => {
  const header = message[1]! < 0x80 ? 2 : 2 + (message[1]! & 0x7f);
  const idLength = message[header + 1];
  return idLength === undefined ? undefined : message[header + 2 + idLength];
};

export const startLdapProxy = async (upstream: { host: string; port: number }): Promise<LdapProxy> => {
  let armed = false;
  let lostAnswers = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const directory = connect(upstream);
    sockets.add(client).add(directory);
    client.on('close', () => sockets.delete(client));
    directory.on('close', () => sockets.delete(directory));
    let pending = Buffer.alloc(0);
    let cut = false;
    directory.on('data', (chunk) => {
      if (!cut) client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let length = elementLength(pending); length !== undefined; length = elementLength(pending)) {
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        directory.write(message);
        if (armed && operationTag(message) === EXTENDED_REQUEST && message.includes(Buffer.from(PASSWORD_MODIFY_OID))) {
          armed = false;
          cut = true;
          lostAnswers += 1;
          // slapd keeps its connection (it applies the write and answers into the void); the client's is cut.
          client.destroy();
          setTimeout(() => directory.destroy(), 2000).unref();
          return;
        }
      }
    });
    client.on('error', () => directory.destroy());
    directory.on('error', () => client.destroy());
    client.on('end', () => directory.end());
    directory.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `ldap://127.0.0.1:${address.port}`,
    loseNextWriteAnswer: () => {
      armed = true;
    },
    lost: () => lostAnswers,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
