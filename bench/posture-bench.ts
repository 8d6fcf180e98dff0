/**
 * Benchmark of the compliance posture and the dashboard (issue 13, items 4 and 5) on the shared corpus
 * (../shared/corpus/files, every file once, as one repository): the pipeline run that decides what fails,
 * then the posture (indexing the same files for the workloads), the four report formats and the dashboard
 * body, with their sizes. Figures are printed, never asserted. Run: `npm run bench -- posture`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigSchema } from '../src/config/schema.js';
import { includeFilter, runPipeline } from '../src/pipeline/run-pipeline.js';
import {
  postureOfRun,
  remediationsRun,
  renderComplianceCsv,
  renderComplianceHtml,
  renderComplianceJson,
  renderComplianceMarkdown,
} from '../src/report/compliance/index.js';
import { renderDashboard } from '../src/report/dashboard/index.js';
import { loadCatalog } from '../src/remediations/index.js';

const CORPUS = process.env.KUBEMEND_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus/files', import.meta.url));

/** Every corpus file once, path relative to the corpus. */
function corpusFiles(): Array<{ path: string; text: string }> {
  return readdirSync(CORPUS, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((p) => ({ path: p.slice(CORPUS.length + 1), text: readFileSync(p, 'utf8') }));
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

export async function run(): Promise<void> {
  const files = corpusFiles();
  const config = ConfigSchema.parse({});
  const catalog = loadCatalog();
  const pipeline = timed(() => runPipeline(files, { catalog, config }));
  const posture = timed(() =>
    postureOfRun({ files, result: pipeline.value, catalog, config, isIncluded: includeFilter(config) }),
  );
  const p = posture.value;
  console.log(
    `corpus: ${files.length} files, ${p.workloads} workloads, ${p.score.passed + p.score.failed + p.score.exempted} checks, ${p.findings.length} findings, score ${p.score.rate === null ? 'n/a' : (100 * p.score.rate).toFixed(1)}%`,
  );
  console.log('| step | ms | output |');
  console.log('|---|---:|---:|');
  console.log(`| pipeline (own detection) | ${pipeline.ms.toFixed(0)} | |`);
  console.log(`| posture (index + checks) | ${posture.ms.toFixed(0)} | |`);
  const formats = {
    markdown: renderComplianceMarkdown,
    json: renderComplianceJson,
    csv: renderComplianceCsv,
    html: renderComplianceHtml,
  };
  for (const [name, render] of Object.entries(formats)) {
    const out = timed(() => render(p));
    console.log(`| report ${name} | ${out.ms.toFixed(0)} | ${(Buffer.byteLength(out.value) / 1024).toFixed(0)} KiB |`);
  }
  const dash = timed(() =>
    renderDashboard({ posture: p, remediations: remediationsRun(catalog, config), now: new Date().toISOString() }),
  );
  console.log(
    `| dashboard body (detail ${dash.value.detail}) | ${dash.ms.toFixed(0)} | ${Buffer.byteLength(dash.value.body)} bytes |`,
  );
  console.log(`peak RSS so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
