/**
 * @module ports/request
 * Facts about the request a flow runs for (audit, notices, rate-limit keys). Never a secret.
 */
export interface RequestMeta {
  requestId: string;
  ip: string;
  userAgent?: string | undefined;
  language: 'fr' | 'en';
}
