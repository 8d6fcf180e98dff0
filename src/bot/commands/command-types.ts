/** The shapes a command handler takes and returns (registry.ts lists the handlers). */
import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import type { GitHub, Permission, PullRequestInfo, RepoRef } from '../../github/index.js';
import type { ReplyStatus } from '../../report/command-reply.js';
import type { CommandJob } from '../jobs.js';
import type { ReviewDeps } from '../review/bot-deps.js';
import type { CommandLine } from './parse-commands.js';
import type { Need } from './permission.js';

export interface CommandContext {
  gh: GitHub;
  repo: RepoRef;
  job: CommandJob;
  config: Config;
  deps: ReviewDeps;
  log: Logger;
  command: CommandLine;
  /** The commenter's permission, as read for this command. */
  permission: Permission;
  botLogin: string;
  /** The pull request the command is on, read when the command ran (absent on issues). */
  pr?: PullRequestInfo;
}

/** What a command did, for its reply: paragraphs of markdown, every untrusted string escaped. */
export interface CommandResult {
  status: Exclude<ReplyStatus, 'denied'>;
  body: string[];
}

/** Where a command may run. */
export type Where = 'anywhere' | 'pull-request' | 'own-pull-request';

export interface CommandSpec {
  name: string;
  need: Need;
  where: Where;
  /** `fix [ids…]`: shown in help. */
  usage: string;
  /** One sentence for help. */
  summary: string;
  run(ctx: CommandContext): Promise<CommandResult>;
}
