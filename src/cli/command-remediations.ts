/** `kubemend remediations`: the catalog as a table (text) or as data (json), for choosing `--only` ids. */
import { frameworkName } from '../report/remediation-info.js';
import type { ExitCode } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { loadCatalogFor } from './load-inputs.js';
import type { CommandOptions } from './parse-options.js';
import { defaultConfig } from '../config/schema.js';

export async function runRemediations(opts: CommandOptions, io: CliIo): Promise<ExitCode> {
  const catalog = loadCatalogFor(defaultConfig(), io.cwd);
  const rows = catalog.remediations.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    scope: r.scope,
    controls: r.controls.map((c) => ({
      framework: c.framework,
      id: c.id,
      title: c.title,
      ...(c.url ? { url: c.url } : {}),
    })),
    aliases: r.aliases,
  }));
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const lines = rows.map((r) => {
    const controls = r.controls.map((c) => `${frameworkName(c.framework)} ${c.id}`).join('; ');
    const aliases = Object.entries(r.aliases)
      .filter(([, ids]) => ids.length)
      .map(([tool, ids]) => `${tool} ${ids.join(', ')}`)
      .join('; ');
    return `${r.id}  [${r.severity}, ${r.scope}]\n  ${r.title}\n  controls: ${controls || 'none'}\n  aliases:  ${aliases || 'none'}`;
  });
  io.stdout(`${lines.join('\n\n')}\n`);
  return 0;
}
