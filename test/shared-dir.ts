/**
 * The read-only shared data (real scanner outputs, peers' fixtures, the manifest corpus) lives beside the
 * repository checkout, as `../shared`; KUBEMEND_SHARED overrides it.
 */
import { fileURLToPath } from 'node:url';

export const SHARED = process.env.KUBEMEND_SHARED ?? fileURLToPath(new URL('../../shared', import.meta.url));
