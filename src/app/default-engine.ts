/**
 * Binds the App to the real stages: the findings parsers, the remediation catalog, the pipeline and the
 * pull-request renderer. Built once per process (the catalog is read from disk once).
 */
import { parseFindings } from '../findings/index.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { type Catalog, loadCatalog } from '../remediations/index.js';
import { fingerprintFix, renderPullRequest } from '../report/render-pull-request.js';
import { lookupFrom } from '../report/remediation-info.js';
import { CONFIG_PATH } from './config/load-repo-config.js';
import type { Engine } from './engine.js';

/** An engine over `catalog`. Default: the built-in catalog. */
export function createDefaultEngine(catalog: Catalog = loadCatalog()): Engine {
  const lookup = lookupFrom(catalog.remediations);
  return {
    parseFindings: (input) => parseFindings(input, { resolveRule: (tool, rule) => catalog.resolveRule(tool, rule) }).findings,
    runPipeline: (files, options) => runPipeline(files, { catalog, ...options }),
    renderPullRequest: (files, maxLength) => renderPullRequest(files, { lookup, configPath: CONFIG_PATH, maxLength }),
    fingerprintFix,
  };
}
