/**
 * The snapshot's file shape, named where the pipeline's readers and writers import it. It lives in
 * src/model.ts so that every stage (locate's index, github's reader and commit) shares the one shape.
 */
export type { FileMode, RepoEntry, RepoFile } from '../model.js';
