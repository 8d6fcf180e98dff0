/** What the command and review jobs need from their host: the same things every job runner gets. */
import type { Logger } from 'pino';
import type { Engine } from '../engine.js';
import type { Job } from '../jobs.js';
import type { Pacer } from '../ports.js';
import type { RemediationLookup } from '../../report/remediation-info.js';

export interface ReviewDeps {
  engine: Engine;
  pacer: Pacer;
  log: Logger;
  /** The App's bot login (`<slug>[bot]`): its own comments and pull requests are told apart by it. */
  botLogin(): Promise<string>;
  /** Titles and controls of remediations for replies and summaries. Default: the built-in catalog's. */
  lookup?: RemediationLookup;
  /** Queues another job (`sweep`, `rebase`); absent: those commands answer that this host cannot run them. */
  enqueue?(job: Job): Promise<void>;
}
