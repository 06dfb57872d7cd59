/**
 * @module browser/altcha-worker
 * The Altcha widget's SHA-256 proof-of-work worker, served from our origin: the widget's default
 * build would start it from a blob: URL, which `worker-src 'self'` does not allow.
 */
import 'altcha/workers/sha';
