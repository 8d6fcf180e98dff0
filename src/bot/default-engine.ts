/**
 * Binds the App to the real stages: the findings parsers, the remediation catalog, the pipeline and the
 * pull-request renderer. Built once per process (the catalog is read from disk once).
 */
import { parseFindings } from '../findings/index.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import type { Config } from '../config/schema.js';
import {
  type Catalog,
  checkRemediationConfig,
  effectiveSeverity,
  loadCatalog,
  tryLoadCatalog,
} from '../remediations/index.js';
import { fingerprintFix, renderPullRequest } from '../report/render-pull-request.js';
import { lookupFrom } from '../report/remediation-info.js';
import { CONFIG_PATH } from './config/load-repo-config.js';
import type { Engine } from './engine.js';

/**
 * An engine over `catalog`. Default: the built-in catalog. A repository's own remediation files extend the
 * built-in catalog (as the CLI's `remediations.directory` does), whatever `catalog` this engine was built on.
 * `config` (set by `forRepository`) gives pull-request bodies the repository's severities
 * (`remediations.severity`), as SARIF and the CLI's reports show them. Default: the catalog's.
 */
export function createDefaultEngine(catalog: Catalog = loadCatalog(), config?: Config): Engine {
  const lookup = lookupFrom(
    config ? catalog.remediations.map((r) => ({ ...r, severity: effectiveSeverity(r, config) })) : catalog.remediations,
  );
  const engine: Engine = {
    catalog,
    parseFindings: (input) =>
      parseFindings(input, { resolveRule: (tool, rule) => catalog.resolveRule(tool, rule) }).findings,
    runPipeline: (files, options) => runPipeline(files, { catalog, ...options }),
    renderPullRequest: (files, maxLength) => renderPullRequest(files, { lookup, configPath: CONFIG_PATH, maxLength }),
    fingerprintFix,
    forRepository: (repoConfig, remediationFiles) => {
      // Without files the catalog is this engine's own: no reads from disk, no parsing per job.
      const extended = remediationFiles.length > 0 ? tryLoadCatalog({ extraFiles: remediationFiles }) : undefined;
      if (extended && !extended.ok) return extended;
      const own = extended?.catalog ?? catalog;
      const problems = checkRemediationConfig(own.byId, repoConfig);
      if (problems.length > 0) return { ok: false, diagnostics: problems };
      // The same engine when nothing is repository-specific; severities overridden make an engine of their own.
      const severities = Object.keys(repoConfig.remediations.severity).length > 0;
      return { ok: true, engine: own === catalog && !severities ? engine : createDefaultEngine(own, repoConfig) };
    },
  };
  return engine;
}
