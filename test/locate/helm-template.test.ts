/**
 * The Go-template evaluator (src/locate/helm): what charts write renders as Helm renders it, and each printed
 * value still names the `.Values` path it came from. What it does not evaluate throws `helm-unsupported`,
 * never renders a guess.
 */
import { describe, expect, it } from 'vitest';
import { HelmTemplateError } from '../../src/locate/helm/errors.js';
import { type EvalContext, registerTree, renderTemplate } from '../../src/locate/helm/evaluate.js';
import { findCharts } from '../../src/locate/helm/charts.js';
import { prepareChart, renderChart } from '../../src/locate/helm/render-chart.js';
import { parseTemplate } from '../../src/locate/helm/template-parse.js';

function render(src: string, values: Record<string, unknown>, helpers = '') {
  const parsed = parseTemplate(src, 'templates/t.yaml');
  const defines = new Map([...parseTemplate(helpers, 'templates/_helpers.tpl').defines, ...parsed.defines]);
  const ctx: EvalContext = { defines, origins: new WeakMap(), at: { file: 'templates/t.yaml', line: 1 }, depth: 0 };
  const vals = structuredClone(values);
  registerTree(ctx, vals, []);
  return renderTemplate(ctx, parsed.nodes, { value: { Values: vals, Release: { Name: 'rel', Namespace: 'ns' } } });
}

describe('rendering', () => {
  it('toYaml | nindent, with, if/else, default, quote, trim markers', () => {
    const src = [
      'spec:',
      '  {{- with .Values.sc }}',
      '  securityContext: {{- toYaml . | nindent 4 }}',
      '  {{- end }}',
      '  {{- if .Values.on }}',
      '  on: yes',
      '  {{- else }}',
      '  on: {{ .Values.name | default "x" | quote }}',
      '  {{- end }}',
      '',
    ].join('\n');
    expect(render(src, { sc: { runAsUser: 1, drop: ['ALL'] }, on: false }).text).toBe(
      'spec:\n  securityContext:\n    drop:\n    - ALL\n    runAsUser: 1\n  on: "x"\n',
    );
  });

  it('include of a define, dict arguments, merge, omit, and and/or that stop early', () => {
    const helpers = '{{- define "sc" -}}{{- omit (merge (dict) .ctx .defaults) "enabled" | toYaml -}}{{- end -}}';
    const src =
      '{{- if and .Values.a .Values.a.b }}{{ include "sc" (dict "ctx" .Values.sc "defaults" (dict "runAsNonRoot" true)) }}{{ end }}';
    expect(render(src, { a: { b: 1 }, sc: { enabled: true, runAsUser: 2 } }, helpers).text).toBe(
      'runAsNonRoot: true\nrunAsUser: 2',
    );
    expect(render(src, { sc: {} }, helpers).text).toBe('');
  });

  it('a field of a missing value is an error as in Helm, unless the chain goes through a pipeline', () => {
    expect(() => render('{{ .Values.a.b.c }}', {})).toThrow(HelmTemplateError);
    expect(render('{{ (.Values.a).b }}', {}).text).toBe('');
  });

  it('range over lists and maps (sorted keys), variables, printf', () => {
    const src =
      '{{- range $k, $v := .Values.m }}{{ printf "%s=%v;" $k $v }}{{ end }}{{ range .Values.l }}[{{ . }}]{{ end }}';
    expect(render(src, { m: { b: 2, a: 1 }, l: ['x', 'y'] }).text).toBe('a=1;b=2;[x][y]');
  });

  it('required fails as Helm does; what is not evaluated is helm-unsupported', () => {
    expect(() => render('{{ required "set it" .Values.x }}', {})).toThrow(/set it/);
    const err = (() => {
      try {
        render('{{ randAlpha 5 }}', {});
      } catch (e) {
        return e as HelmTemplateError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('helm-unsupported');
    expect(() => render('{{ nosuchfunction 1 }}', {})).toThrow(/function nosuchfunction is not evaluated/);
  });
});

describe('tracing', () => {
  it('a printed scalar names its values path, through variables, default and include', () => {
    const helpers = '{{- define "user" -}}{{ .Values.sc.runAsUser | default 1000 }}{{- end -}}';
    const r = render(
      'runAsUser: {{ include "user" . }}\n{{- $x := .Values.name }}\nname: {{ $x | quote }}\n',
      { sc: { runAsUser: 5 }, name: 'n' },
      helpers,
    );
    expect(r.segments.filter((s) => s.from).map((s) => [s.text, s.from?.join('.'), s.at.file, s.call?.line])).toEqual([
      ['5', 'sc.runAsUser', 'templates/_helpers.tpl', 1],
      ['"n"', 'name', 'templates/t.yaml', undefined],
    ]);
  });

  it('a toYaml block keeps the object it printed; a branch not taken is kept as a guard', () => {
    const r = render('{{- if .Values.sc.enabled }}x{{ end }}{{ toYaml .Values.pod | nindent 2 }}', {
      sc: { enabled: false },
      pod: { fsGroup: 1 },
    });
    expect(r.segments.find((s) => s.guard)?.guard).toEqual({
      kind: 'if',
      path: ['sc', 'enabled'],
      value: false,
      at: { file: 'templates/t.yaml', line: 1 },
    });
    expect(r.segments.find((s) => s.yamlOf)?.from).toEqual(['pod']);
  });
});

describe('hostile charts', () => {
  it('a range that never ends hits the step limit; a huge until or repeat is refused', () => {
    expect(() => render('{{ range 100000000 }}x{{ end }}', {})).toThrow(
      /over kubemend's limit|more than kubemend's limit/,
    );
    expect(() => render('{{ until 1000000000 }}', {})).toThrow(/limit/);
    expect(() => render('{{ repeat 100000000 "abc" }}', {})).toThrow(/limit/);
  });

  it("whatever a template's evaluation throws is that template's error, never the run's", () => {
    const files = [
      { path: 'Chart.yaml', text: 'apiVersion: v2\nname: c\nversion: 1.0.0\n' },
      { path: 'templates/bad.yaml', text: '{{ regexMatch "(" "x" }}\n' },
      { path: 'templates/good.yaml', text: 'kind: ConfigMap\n' },
    ];
    const [chart] = findCharts(files);
    const out = chart ? renderChart(prepareChart(chart), {}, { name: 'r', namespace: 'n' }) : [];
    expect(out.map((t) => [t.path, t.error?.code, t.text])).toEqual([
      ['templates/bad.yaml', 'helm-unsupported', ''],
      ['templates/good.yaml', undefined, 'kind: ConfigMap\n'],
    ]);
    expect(out[0]?.error?.message).toMatch(/^templates\/bad.yaml: evaluation failed \(SyntaxError: /);
  });
});
