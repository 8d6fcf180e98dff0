import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('../../examples/infra/', import.meta.url).pathname;

/**
 * The bundled example infra repository (examples/infra) as path → text, the repo the fake serves.
 * `withConfig: false` leaves out its `.github/kubemend.yml` (and so its image knowledge directory is not
 * read): the defaults apply, for tests about the App's mechanics. Default: true.
 */
export function exampleRepoFiles(opts: { withConfig?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(ROOT, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(ROOT);
  if (opts.withConfig === false) delete out['.github/kubemend.yml'];
  return out;
}
