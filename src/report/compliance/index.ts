/** The compliance posture of a snapshot (posture.ts) and its renderings: markdown, JSON, CSV, HTML. */
export * from './posture.js';
export { FRAMEWORK_ORDER, buildPosture, type PostureInput } from './build-posture.js';
export { describeCheck, describeFix, describePlace, describeResource, safeUrl } from './describe.js';
export { workloadKey } from './remediation-outcomes.js';
export { renderComplianceCsv } from './render-csv.js';
export { renderComplianceHtml, type HtmlReportOptions } from './render-html.js';
export { COMPLIANCE_JSON_VERSION, renderComplianceJson } from './render-json.js';
export { fixMarkdown, renderComplianceMarkdown, type MarkdownReportOptions } from './render-markdown.js';
export { type PostureOfRunInput, postureOfRun, remediationsRun } from './posture-of-run.js';
