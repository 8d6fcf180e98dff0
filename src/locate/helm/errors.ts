/**
 * Why a chart's template could not be evaluated. `helm-unsupported` marks a construct kubemend does not
 * evaluate (`tpl`, `.Files`, `lookup` of live objects, a function outside the subset): the finding is then
 * "not verifiable", never guessed. `helm-template-error` is what Helm itself would fail on (`required`,
 * `fail`, a nil pointer), `helm-template-syntax` a template that does not parse.
 */
export type HelmErrorCode = 'helm-unsupported' | 'helm-template-error' | 'helm-template-syntax';

export class HelmTemplateError extends Error {
  constructor(
    readonly code: HelmErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HelmTemplateError';
  }
}
