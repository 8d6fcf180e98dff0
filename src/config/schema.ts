/**
 * The repository configuration, shared by the CLI (`--config FILE`) and the App (`.github/kubemend.yml`,
 * read with Probot's `context.config`, which follows `_extends`). One zod schema is the single source:
 * the JSON Schema in `schemas/kubemend-config.schema.json` is generated from it (`npm run schemas`).
 */
import { z } from 'zod';

const remediationId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'remediation ids are kebab-case');

/** Suppresses a remediation for matching files/resources; every field present must match. */
export const IgnoreRuleSchema = z
  .strictObject({
    remediation: z
      .union([remediationId, z.literal('all')])
      .default('all')
      .describe('Remediation id, or `all`. Default: all.'),
    path: z.string().optional().describe('Glob of repo-relative paths (picomatch syntax).'),
    resource: z.string().optional().describe('`Kind/name` glob, e.g. `Deployment/legacy-*`.'),
    namespace: z.string().optional().describe('Namespace glob.'),
    reason: z.string().optional().describe('Shown in reports and pull requests.'),
  })
  .describe('One entry of the ignore list.');

/** The safety guards a config entry can opt out of, one workload or remediation at a time. */
export const GUARDS = ['explicit-value', 'image-user', 'image-root', 'image-writes', 'node-agent'] as const;
export type Guard = (typeof GUARDS)[number];

/**
 * Lets kubemend apply a fix that a safety guard holds back (an explicit insecure value, a root image, a node
 * agent); every field present must match, as in `ignore`. Reviewable in the config file, never hidden state.
 */
export const OptInRuleSchema = z
  .strictObject({
    remediation: z.union([remediationId, z.literal('all')]).describe('Remediation id, or `all`.'),
    allow: z
      .array(z.enum(GUARDS))
      .min(1)
      .describe('Guards lifted: explicit-value, image-user, image-root, image-writes, node-agent.'),
    path: z.string().optional().describe('Glob of repo-relative paths (picomatch syntax).'),
    resource: z.string().optional().describe('`Kind/name` glob, e.g. `DaemonSet/cni-*`.'),
    namespace: z.string().optional().describe('Namespace glob.'),
    reason: z.string().optional().describe('Why: shown in the pull request.'),
  })
  .describe('One entry of the optIn list.');

export const SafetyConfigSchema = z
  .strictObject({
    nodeAgents: z
      .boolean()
      .default(true)
      .describe(
        'Recognise node agents (hostPath plus host namespaces or privileged) and keep their host access, user and root filesystem. Default: true.',
      ),
  })
  .describe('Safety guards that hold back fixes that could stop a workload from starting.');

export const RemediationsConfigSchema = z
  .strictObject({
    enabled: z
      .union([z.literal('all'), z.array(remediationId)])
      .default('all')
      .describe('Remediations kubemend may apply. Default: all.'),
    disabled: z.array(remediationId).default([]).describe('Remediations never applied. Default: [].'),
    severity: z
      .record(remediationId, z.enum(['critical', 'high', 'medium', 'low', 'info']))
      .default({})
      .describe('Severity overrides by remediation id. Default: {}.'),
    options: z
      .record(remediationId, z.record(z.string(), z.unknown()))
      .default({})
      .describe("Per-remediation options, validated against each remediation's own option schema. Default: {}."),
    directory: z
      .string()
      .optional()
      .describe('Repo directory with extra remediation YAML files (same format as the built-in catalog).'),
  })
  .describe('Which remediations run and how.');

export const PathsConfigSchema = z
  .strictObject({
    include: z
      .array(z.string())
      .default(['**/*.yaml', '**/*.yml', '**/*.json'])
      .describe('Globs of files to scan. Default: all YAML and JSON files.'),
    exclude: z.array(z.string()).default([]).describe('Globs never scanned or patched. Default: [].'),
  })
  .describe('Which files kubemend reads.');

export const PullRequestsConfigSchema = z
  .strictObject({
    grouping: z
      .enum(['remediation', 'workload', 'file', 'all'])
      .default('remediation')
      .describe('One pull request per remediation, per workload, per file, or one for all. Default: remediation.'),
    labels: z
      .array(z.string().min(1).max(50))
      .default(['security', 'kubemend'])
      .describe('Labels added to each pull request. Default: [security, kubemend].'),
    draft: z.boolean().default(false).describe('Open pull requests as drafts. Default: false.'),
    prLimit: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(5)
      .describe('Most kubemend pull requests open at once in a repository. Default: 5.'),
    branchPrefix: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/)
      .default('kubemend/')
      .describe('Prefix of branch names. Default: kubemend/.'),
  })
  .describe('How pull requests are opened (App and `--git`).');

/** Who may run slash-commands beyond (or instead of) the repository's write permission (docs/commands.md). */
export const CommandsAllowSchema = z
  .strictObject({
    users: z
      .array(z.string().regex(/^[A-Za-z0-9-]+$/, 'a GitHub login'))
      .default([])
      .describe('Logins that may run commands that write, whatever their permission (at least read). Default: [].'),
    teams: z
      .array(z.string().regex(/^([A-Za-z0-9-]+\/)?[A-Za-z0-9_.-]+$/, '`team-slug` or `org/team-slug`'))
      .default([])
      .describe(
        "Teams (`slug` in the repository's organisation, or `org/slug`) whose members may run commands that write. Default: [].",
      ),
    bots: z
      .array(z.string().regex(/^[A-Za-z0-9-]+\[bot\]$/, 'a bot login, `name[bot]`'))
      .default([])
      .describe('Bot accounts whose commands are obeyed (bots are ignored otherwise). Default: [].'),
  })
  .describe(
    'When `users` or `teams` lists anyone, only they (and admins) may run commands that write: the list replaces the write-permission rule.',
  );

export const CommandsConfigSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe('Obey `/kubemend` commands in issue and pull request comments. Default: true.'),
    allow: CommandsAllowSchema.default(CommandsAllowSchema.parse({})),
  })
  .describe('Slash-commands in comments (docs/commands.md).');

export const ChecksConfigSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Review people's pull requests that touch manifests: one `kubemend` check run on the head commit. Default: true.",
      ),
    conclusion: z
      .enum(['neutral', 'failure'])
      .default('neutral')
      .describe(
        "The check run's conclusion when fixable findings remain: `failure` gates the merge (with a required check). Default: neutral.",
      ),
    suggestions: z
      .boolean()
      .default(true)
      .describe('Post one review with suggestion blocks for fixable lines inside the diff. Default: true.'),
  })
  .describe('Review mode on pull requests people open (docs/commands.md).');

/** The posture dashboard issue a sweep keeps up to date in each repository (docs/app.md, "Posture dashboard"). */
export const DashboardConfigSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe(
        'App: keep one posture dashboard issue open in the repository, rewritten by every sweep. Default: false (an issue is opened only when asked for).',
      ),
    title: z
      .string()
      .min(1)
      .max(256)
      .default('kubemend posture dashboard')
      .describe('Title of the dashboard issue. Default: kubemend posture dashboard.'),
  })
  .describe(
    'The posture dashboard issue: score and trend, framework pass rates, fixes to open with a tick, exemptions, what could not be fixed.',
  );

/** Days of the week a sweep window names, as `Intl.DateTimeFormat` gives them in English. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When scheduled sweeps may touch the repository (docs/sweeps.md). On-demand sweeps ignore the window. */
export const SweepWindowSchema = z
  .strictObject({
    days: z
      .array(z.enum(WEEKDAYS))
      .min(1)
      .default([...WEEKDAYS])
      .describe('Days a scheduled sweep may run: mon … sun. Default: every day.'),
    hours: z
      .strictObject({
        from: z.number().int().min(0).max(23).describe('First hour (0–23) of the window. Default: 0.'),
        to: z
          .number()
          .int()
          .min(1)
          .max(24)
          .describe('Hour (1–24) the window ends, exclusive; before `from` wraps past midnight. Default: 24.'),
      })
      .default({ from: 0, to: 24 })
      .describe('Hours of the day, in `timezone`. Default: the whole day.'),
    timezone: z
      .string()
      .default('UTC')
      .refine((tz) => isTimeZone(tz), 'timezone must be an IANA time zone such as Europe/Paris or UTC')
      .describe('IANA time zone the days and hours are read in. Default: UTC.'),
  })
  .describe('Scheduled sweeps run only inside this window (days and hours in a time zone).');

export const SweepConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('App: include the repository in scheduled sweeps. Default: true.'),
    window: SweepWindowSchema.optional().describe('When scheduled sweeps may run. Default: any time.'),
  })
  .describe('Scheduled drift sweeps (docs/sweeps.md).');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    _extends: z.string().optional().describe("Inherit from another repo's config (Probot `_extends`)."),
    remediations: RemediationsConfigSchema.default(RemediationsConfigSchema.parse({})),
    paths: PathsConfigSchema.default(PathsConfigSchema.parse({})),
    ignore: z.array(IgnoreRuleSchema).default([]).describe('Exemptions by remediation, path, resource. Default: [].'),
    optIn: z
      .array(OptInRuleSchema)
      .default([])
      .describe('Fixes a safety guard holds back, applied anyway for matching workloads. Default: [].'),
    safety: SafetyConfigSchema.default(SafetyConfigSchema.parse({})),
    pullRequests: PullRequestsConfigSchema.default(PullRequestsConfigSchema.parse({})),
    commands: CommandsConfigSchema.default(CommandsConfigSchema.parse({})),
    checks: ChecksConfigSchema.default(ChecksConfigSchema.parse({})),
    dashboard: DashboardConfigSchema.default(DashboardConfigSchema.parse({})),
    sweep: SweepConfigSchema.default(SweepConfigSchema.parse({})),
    scanOnInstall: z
      .boolean()
      .default(false)
      .describe(
        "App: scan the repo's manifests with kubemend's own detection when installed or added. Default: false.",
      ),
  })
  .describe('kubemend configuration (.github/kubemend.yml)');

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type IgnoreRule = z.output<typeof IgnoreRuleSchema>;
export type OptInRule = z.output<typeof OptInRuleSchema>;
export type DashboardConfig = z.output<typeof DashboardConfigSchema>;
export type SweepWindow = z.output<typeof SweepWindowSchema>;

/** The configuration with every default applied. */
export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
