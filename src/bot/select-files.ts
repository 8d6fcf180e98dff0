/**
 * The selection rule lives in src/pipeline/select-files.ts, shared by the CLI's disk reader and the App's
 * tree reader; re-exported here for the bot's callers until they import it from there.
 */
export { candidateFiles, isInsideRepo, repoPath, selectFiles } from '../pipeline/select-files.js';
