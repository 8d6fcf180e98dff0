/** `--help` text of each command; the contract is documented in docs/cli.md. */
import type { Command } from './parse-options.js';

const SELECTION = `  --findings FILE   scanner report (Kubescape, Trivy, Checkov, Polaris, kube-score, SARIF,
                    GitHub code-scanning alerts, native); repeatable. Only what the findings
                    name is fixed. Without it, kubemend's own detection decides.
  --path-prefix P   strip P from the paths in findings (the scanner ran from another directory)
  --only IDS        comma-separated remediation ids to run exclusively
  --skip IDS        comma-separated remediation ids never to run
  --config FILE     configuration in the .github/kubemend.yml format
  -h, --help        this help`;

const HELP: Record<Command | 'main', string> = {
  main: `kubemend: fix Kubernetes security-posture findings at the source

Usage: kubemend <command> [options]

Commands:
  scan [paths...]    report failing checks (exit 1 when there are failures)
  fix [paths...]     patch the manifests (minimal, verified edits)
  plan [paths...]    show the diff fix would apply (= fix --dry-run --format diff)
  report [paths...]  compliance evidence: per framework and control, workloads passing and failing
  remediations       list the catalog: ids, titles, controls, scanner aliases
  example            run the whole job on a temporary copy of the bundled example repo
  worker             run the GitHub App's queued jobs from Redis (REDIS_URL; see docs/app.md)
  sweep              one drift sweep over every installed repository (the App's credentials; docs/sweeps.md)

Run 'kubemend <command> --help' for a command's options.
Paths in reports are relative to the git repository's top level (outside git: to the given directory).
Exit codes: 0 success, 1 scan found failures or unscanned files / fix or plan could not process a file,
2 usage or input error.`,
  scan: `Usage: kubemend scan [paths...] [options]

Reports every failing check kubemend can detect or that the findings name; writes nothing.
Paths default to '.'; directories are walked (skipping .git and node_modules). Helm charts are
rendered and reported at their template lines with the values key that fixes each finding; templates
kubemend cannot render and links out of the repository are listed as not scanned.

${SELECTION}
  --format FMT      text (default), json or sarif

Exit codes: 0 no failures and every file scanned, 1 failures found or files not scanned
(a Helm template kubemend cannot render: its reason is listed), 2 usage or input error.`,
  fix: `Usage: kubemend fix [paths...] [options]

Applies minimal, verified patches to the manifests, keeping every other byte.

${SELECTION}
  --format FMT      text (default), json or diff
  --dry-run         compute and print, write nothing
  --git             make the App's pull requests locally: a branch and one commit per group
                    (pullRequests.grouping), then print each title and body
  --pr-body FILE    with --git: write the bodies to FILE and print only the titles

Exit codes: 0 success (with or without changes), 1 a file could not be processed (does not
parse, patch not verified, unreadable; the other files are still fixed), 2 usage or input error.`,
  plan: `Usage: kubemend plan [paths...] [options]

The diff 'fix' would apply (fix --dry-run --format diff); writes nothing.

${SELECTION}
  --format FMT      diff (default), text or json

Files not patched or not scanned, and findings not mapped to a fix, are named on stderr.
Exit codes: 0 success, 1 a file could not be processed, 2 usage or input error.`,
  report: `Usage: kubemend report [paths...] [options]

Compliance evidence for an audit: the posture score (the share of workload x control checks
passing) and, per framework (CIS Kubernetes Benchmark, Pod Security Standards, NSA/CISA,
NIST SP 800-53, SOC 2, NIST SP 800-190) and control, every workload that passes or fails, with
file:line and fix status (fixable by kubemend, or why not). Exempted checks are listed with their
reason and not counted. Writes nothing but the report.

${SELECTION}
  --format FMT      markdown (default), json, csv or html (one self-contained page)
  --output FILE     write the report to FILE instead of stdout

With --findings, a check fails when a finding names it and the manifest still fails it.
Exit codes: 0 report complete, 1 a file could not be read or parsed (it is listed in the report),
2 usage or input error.`,
  remediations: `Usage: kubemend remediations [--format text|json]

Lists the catalog: remediation ids, titles, severities, controls and scanner rule aliases.`,
  example: `Usage: kubemend example

Copies the bundled example infra repo to a temporary directory, makes it a git repository, reads
the bundled Kubescape and Trivy scans of it, patches and verifies the manifests, commits the fixes
on a branch and prints the pull request the GitHub App would open. No GitHub account needed.`,
};

export function helpText(command: Command | 'main'): string {
  return `${HELP[command]}\n`;
}
