#!/usr/bin/env node
// Dependency audit for CI: `npm audit --omit=dev` (what `npm ci --omit=dev` installs, i.e. what ships),
// failing on high and critical advisories that are not listed, with a reason and an end date, in
// .ci/audit-exceptions.json. An exception past its `until` date fails too, so none outlives its review.
//
// When the advisory database cannot be reached (an offline mirror answers the bulk endpoint with 405), this
// says so loudly and exits 0, unless KUBEMEND_AUDIT_REQUIRED=1 (set it where CI has registry access: then
// an audit that cannot run fails the build).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const exceptionsFile = new URL('./audit-exceptions.json', import.meta.url);
const exceptions = JSON.parse(readFileSync(exceptionsFile, 'utf8')).exceptions;
const today = new Date().toISOString().slice(0, 10);

function audit() {
  // KUBEMEND_AUDIT_REPORT: a saved `npm audit --json` report, to check this script's decisions.
  if (process.env.KUBEMEND_AUDIT_REPORT) return readFileSync(process.env.KUBEMEND_AUDIT_REPORT, 'utf8');
  try {
    return execFileSync('npm', ['audit', '--omit=dev', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // npm audit exits non-zero when it finds anything; its report is still on stdout.
    return err.stdout ?? '';
  }
}

const raw = audit();

let report;
try {
  report = JSON.parse(raw);
} catch {
  report = { error: { summary: 'npm audit printed no report' } };
}
if (report.error || !report.vulnerabilities) {
  const why = report.error?.summary || report.message || 'no vulnerabilities section in the report';
  console.error(`audit: could not audit the dependencies: ${why}`);
  process.exit(process.env.KUBEMEND_AUDIT_REQUIRED === '1' ? 1 : 0);
}

const ghsa = (url) => /GHSA-[\w-]+/.exec(url ?? '')?.[0] ?? String(url);
const findings = new Map();
for (const vuln of Object.values(report.vulnerabilities)) {
  for (const via of vuln.via) {
    if (typeof via !== 'object' || !['high', 'critical'].includes(via.severity)) continue;
    findings.set(ghsa(via.url), { id: ghsa(via.url), package: via.name, severity: via.severity, title: via.title });
  }
}

const problems = [];
for (const e of exceptions)
  if (e.until < today) problems.push(`exception for ${e.advisory} (${e.package}) expired on ${e.until}: review it`);
for (const f of findings.values()) {
  const excepted = exceptions.find((e) => e.advisory === f.id && e.until >= today);
  if (excepted)
    console.log(`audit: ${f.severity} ${f.id} in ${f.package} accepted until ${excepted.until}: ${excepted.reason}`);
  else problems.push(`${f.severity} ${f.id} in ${f.package}: ${f.title}`);
}
if (problems.length > 0) {
  console.error(
    `audit: ${problems.length} problem(s); fix them or add a reasoned, dated entry to .ci/audit-exceptions.json:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(
  `audit: no high or critical advisory in the production dependencies (${exceptions.length} documented exception(s))`,
);
