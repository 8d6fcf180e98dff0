/**
 * Checks requests against GitHub's published OpenAPI description (@octokit/openapi): the method and path
 * template exist, and a JSON body validates against the operation's request body schema. The spec is
 * loaded once per test file; validators are compiled lazily per operation and cached.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

interface Operation {
  template: string;
  method: string;
  pattern: RegExp;
  hasBody: boolean;
}

export interface OpenApiCheck {
  /** The matched path template, e.g. `/repos/{owner}/{repo}/git/trees`; undefined when none matches. */
  template?: string;
  errors: string[];
}

export interface OpenApiValidator {
  check(method: string, path: string, body: unknown): OpenApiCheck;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function toPattern(template: string): RegExp {
  // Parameters are one path segment, except refs and file paths, which may hold slashes.
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      return part === '{ref}' || part === '{path}' ? '(.+)' : '([^/]+)';
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * OpenAPI 3.0's `nullable` next to a `oneOf` without `type` (the issues API's `milestone`) is something Ajv
 * refuses to compile. Dropped there: such a field then refuses null, which only makes the check stricter.
 */
function dropUntypedNullable(node: unknown): void {
  if (Array.isArray(node)) for (const item of node) dropUntypedNullable(item);
  else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if ('nullable' in obj && !('type' in obj)) delete obj.nullable;
    for (const value of Object.values(obj)) dropUntypedNullable(value);
  }
}

/** Loads `generated/<description>.json` and indexes its operations. Default: api.github.com (ghes-3.19 etc. for GHES). */
export function createOpenApiValidator(description = 'api.github.com'): OpenApiValidator {
  const require = createRequire(import.meta.url);
  const file = require.resolve(`@octokit/openapi/generated/${description}.json`);
  const spec = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  dropUntypedNullable(spec);
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) ops.push({ template, method, pattern: toPattern(template), hasBody: op.requestBody !== undefined });
    }
  }
  // Literal segments beat parameters: `/git/ref/{ref}` must not match `/git/refs/{ref}`-shaped paths wrongly.
  ops.sort((a, b) => b.template.replace(/\{[^}]+\}/g, '').length - a.template.replace(/\{[^}]+\}/g, '').length);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(spec, 'gh');
  const cache = new Map<string, ValidateFunction | undefined>();

  function validatorFor(op: Operation): ValidateFunction | undefined {
    const key = `${op.method} ${op.template}`;
    if (!cache.has(key)) {
      const pointer = `/paths/${op.template.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method}/requestBody/content/application~1json/schema`;
      cache.set(key, op.hasBody ? ajv.getSchema(`gh#${pointer}`) : undefined);
    }
    return cache.get(key);
  }

  return {
    check(method, path, body) {
      const m = method.toLowerCase();
      const op = ops.find((o) => o.method === m && o.pattern.test(path));
      if (!op) return { errors: [`${method} ${path}: no such operation in GitHub's OpenAPI description`] };
      const validate = validatorFor(op);
      if (body === undefined || body === '' || !validate) {
        if (op.hasBody && validate && m !== 'get' && m !== 'delete' && body === undefined) {
          return validate({})
            ? { template: op.template, errors: [] }
            : { template: op.template, errors: [`${method} ${op.template}: body required`] };
        }
        return { template: op.template, errors: [] };
      }
      if (validate(body)) return { template: op.template, errors: [] };
      const why = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`).join('; ');
      return { template: op.template, errors: [`${method} ${op.template}: body does not match the schema: ${why}`] };
    },
  };
}
