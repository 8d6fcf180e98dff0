/**
 * Binds the App to the real stages: the findings parsers, the remediation catalog, the pipeline and the
 * pull-request renderer. Built once per process (the catalog is read from disk once).
 */
import { parseFindings } from '../findings/index.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { type Catalog, checkRemediationConfig, loadCatalog, tryLoadCatalog } from '../remediations/index.js';
import { fingerprintFix, renderPullRequest } from '../report/render-pull-request.js';
import { lookupFrom } from '../report/remediation-info.js';
import { CONFIG_PATH } from './config/load-repo-config.js';
import type { Engine } from './engine.js';

/**
 * An engine over `catalog`. Default: the built-in catalog. A repository's own remediation files extend the
 * built-in catalog (as the CLI's `remediations.directory` does), whatever `catalog` this engine was built on.
 */
export function createDefaultEngine(catalog: Catalog = loadCatalog()): Engine {
  const lookup = lookupFrom(catalog.remediations);
  const engine: Engine = {
    catalog,
    parseFindings: (input) =>
      parseFindings(input, { resolveRule: (tool, rule) => catalog.resolveRule(tool, rule) }).findings,
    runPipeline: (files, options) => runPipeline(files, { catalog, ...options }),
    renderPullRequest: (files, maxLength) => renderPullRequest(files, { lookup, configPath: CONFIG_PATH, maxLength }),
    fingerprintFix,
    forRepository: (config, remediationFiles) => {
      // Without files the catalog is this engine's own: no reads from disk, no parsing per job.
      const extended = remediationFiles.length > 0 ? tryLoadCatalog({ extraFiles: remediationFiles }) : undefined;
      if (extended && !extended.ok) return extended;
      const own = extended?.catalog ?? catalog;
      const problems = checkRemediationConfig(own.byId, config);
      if (problems.length > 0) return { ok: false, diagnostics: problems };
      return { ok: true, engine: own === catalog ? engine : createDefaultEngine(own) };
    },
  };
  return engine;
}
