import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: the nearest directory above this file with a package.json (also from the benchmark's compiled copy). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = join(repoRoot(), 'examples', 'infra');

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

/**
 * A Deployment as a person's pull request adds it (image known to no catalog, no securityContext), with
 * `extra` lines after its container; the commands and review tests' manifest.
 */
export function personsDeployment(name: string, extra = ''): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: registry.example.com/web:1.4.2',
    `${extra}`,
  ].join('\n');
}
