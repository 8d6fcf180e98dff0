/** Placeholder: name references are fixed in a later step. */
import type { Res } from './resource.js';
import type { Writer } from './tracked.js';

export function fixNameReferences(_resources: Res[], _w: Writer): void {}
