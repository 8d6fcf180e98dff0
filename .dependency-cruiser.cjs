/**
 * The layer rule (issue 11, item 5): the pipeline is the architecture, so its order is checked, not hoped for.
 * `npm run lint:deps` runs it, and `npm test` runs that before vitest. Stages, lowest first; a module may
 * import its own stage and any stage below it, never one above. Fronts sit side by side and never import
 * each other. Type-only imports count: a type-only cycle is still a cycle a reader has to untangle.
 * Docs: https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md
 */
const LAYERS = [
  ['base', '^src/(model|yaml[^/]*)[.]ts$'],
  ['findings-config', '^src/(findings|config)/'],
  ['locate-patch', '^src/(locate|patch)/'],
  ['remediations', '^src/remediations/'],
  ['pipeline', '^src/pipeline/'],
  ['report', '^src/report/'],
  ['github', '^src/github/'],
  ['bot', '^src/bot/'],
  ['fronts', '^src/(app|cli|action)/'],
];
const ALL_LAYERS = LAYERS.map(([, path]) => path);

/** One rule per stage: nothing it imports may sit in a stage above it. */
const importsGoDown = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `layer-${name}`,
  comment: `${name} imports only its own stage and the ones below it (model/yaml → findings/config → locate/patch → remediations → pipeline → report → github → bot → fronts)`,
  severity: 'error',
  from: { path },
  to: { path: ALL_LAYERS.slice(i + 1) },
}));

/** Each front against the other two. The CLI's `worker` and `sweep` lazily load the App's entries under app/commands/. */
function frontRule(name, from, to) {
  return { name, comment: 'fronts share code only through bot/ and the stages below it', severity: 'error', from, to };
}
const frontsApart = [
  frontRule('front-app-alone', { path: '^src/app/' }, { path: '^src/(cli|action)/' }),
  frontRule('front-action-alone', { path: '^src/action/' }, { path: '^src/(app|cli)/' }),
  frontRule('front-cli-alone', { path: '^src/cli/', pathNot: '^src/cli/main[.]ts$' }, { path: '^src/(app|action)/' }),
  frontRule(
    'front-cli-main',
    { path: '^src/cli/main[.]ts$' },
    { path: '^src/(app|action)/', pathNot: '^src/app/commands/' },
  ),
  // Loaded only when `kubemend worker` or `sweep` runs, so the other commands never load Probot.
  frontRule(
    'front-cli-main-lazy',
    { path: '^src/cli/main[.]ts$' },
    { path: '^src/app/commands/', dependencyTypesNot: ['dynamic-import'] },
  ),
];

module.exports = {
  forbidden: [
    ...importsGoDown,
    ...frontsApart,
    {
      name: 'no-circular',
      comment: 'no import cycles, type-only ones included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'in-a-layer',
      comment:
        'every module under src/ belongs to a stage: dev-only code (benchmarks, schema writer) lives outside src/',
      severity: 'error',
      from: { path: '^src/', pathNot: ALL_LAYERS },
      to: {},
    },
    {
      name: 'resolvable',
      comment: 'every import resolves: an import the rule cannot follow is an import it cannot check',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'only-github-uses-octokit',
      comment:
        'only src/github/ talks to GitHub: Octokit packages (and the Octokit config plugin) are imported at run time nowhere else',
      severity: 'error',
      from: { pathNot: '^src/github/' },
      to: { path: '(^|/)node_modules/(@octokit/|@probot/octokit-plugin-config/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-app-uses-probot',
      comment: 'only the App front (src/app/) knows Probot; the core and the other fronts run without it',
      severity: 'error',
      from: { pathNot: '^src/app/' },
      // @probot/octokit-plugin-config is a plain Octokit plugin (`config.get`, yaml its only dependency), not
      // Probot: the token client (src/github/client.ts) is built with it; the Octokit rule above keeps it in github/.
      to: { path: '(^|/)node_modules/(probot|@probot/)', pathNot: '(^|/)node_modules/@probot/octokit-plugin-config/' },
    },
    {
      name: 'github-parses-no-yaml',
      comment: "src/github/ moves bytes to and from GitHub; parsing them is the stages' job",
      severity: 'error',
      from: { path: '^src/github/' },
      to: { path: ['(^|/)node_modules/yaml/', '^src/yaml[^/]*[.]ts$'] },
    },
    {
      name: 'stages-offline',
      comment: 'the stages below github/ never touch the network: files in, results out',
      severity: 'error',
      from: { path: ALL_LAYERS.slice(0, 6) },
      to: { path: ['^(node:)?(http|https|http2|net|tls|dgram|dns)$', '(^|/)node_modules/undici/'] },
    },
    {
      name: 'config-parses-through-yaml-ts',
      comment:
        'configuration YAML is parsed through src/yaml.ts (one alias, size and depth limit), not the yaml package',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '(^|/)node_modules/yaml/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
