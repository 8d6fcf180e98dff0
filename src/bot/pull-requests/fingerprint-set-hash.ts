/** The report's hash of a set of fingerprints (the App and the PR body's metadata must agree on it). */
export { fingerprintSetHash } from '../../report/fingerprint.js';
