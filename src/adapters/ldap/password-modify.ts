/**
 * @module adapters/ldap/password-modify
 * The Password Modify extended operation (RFC 3062, OID 1.3.6.1.4.1.4203.1.11.1), which ldapts has
 * no helper for. With it the server hashes the password itself and applies its own policy.
 */
import { BerWriter, type Client, type Control } from 'ldapts';

export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

export interface PasswordModifyRequest {
  /** DN of the entry; omitted = the bound identity's own entry. */
  userIdentity?: string;
  /** Current password; the server checks it when given (wrong → 53 on slapd). */
  oldPassword?: string;
  newPassword: string;
}

/**
 * Encodes PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0] OCTET STRING OPTIONAL,
 * oldPasswd [1] OCTET STRING OPTIONAL, newPasswd [2] OCTET STRING OPTIONAL } (RFC 3062 §2).
 */
export const encodePasswordModify = (request: PasswordModifyRequest): Buffer => {
  const writer = new BerWriter();
  writer.startSequence();
  if (request.userIdentity !== undefined) writer.writeString(request.userIdentity, 0x80);
  if (request.oldPassword !== undefined) writer.writeString(request.oldPassword, 0x81);
  writer.writeString(request.newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
};

/** Sends the operation on `client` as whoever it is bound as; result codes are rethrown as raised. */
export const passwordModify = async (client: Client, request: PasswordModifyRequest, controls?: Control[]): Promise<void> => {
  await client.exop(PASSWORD_MODIFY_OID, encodePasswordModify(request), controls);
};
