import { describe, expect, it } from 'vitest';
import { createOpenApiValidator } from './openapi.js';

const openapi = createOpenApiValidator();

describe('createOpenApiValidator', () => {
  it('accepts a create-tree request shaped as GitHub documents it', () => {
    const body = {
      base_tree: 'a'.repeat(40),
      tree: [{ path: 'k8s/app.yaml', mode: '100644', type: 'blob', content: 'x' }],
    };
    expect(openapi.check('POST', '/repos/o/r/git/trees', body)).toEqual({
      template: '/repos/{owner}/{repo}/git/trees',
      errors: [],
    });
  });

  it('rejects a body that breaks the schema and names the operation', () => {
    const result = openapi.check('POST', '/repos/o/r/pulls', { title: 1, head: 'a' });
    expect(result.template).toBe('/repos/{owner}/{repo}/pulls');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^POST \/repos\/\{owner\}\/\{repo\}\/pulls: body does not match the schema: .*base/,
    );
  });

  it('rejects a path GitHub does not have', () => {
    expect(openapi.check('POST', '/repos/o/r/git/branches', {}).errors).toEqual([
      "POST /repos/o/r/git/branches: no such operation in GitHub's OpenAPI description",
    ]);
  });

  it('matches refs holding slashes to the ref templates', () => {
    expect(openapi.check('GET', '/repos/o/r/git/ref/heads/kubemend/run-as-non-root', undefined).template).toBe(
      '/repos/{owner}/{repo}/git/ref/{ref}',
    );
    expect(
      openapi.check('PATCH', '/repos/o/r/git/refs/heads/kubemend/x', { sha: 'a'.repeat(40), force: true }).errors,
    ).toEqual([]);
  });
});
