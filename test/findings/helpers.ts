/** Shared test helpers: the real samples, a catalog-shaped resolver, and a parse shortcut. */
import { readFileSync } from 'node:fs';
import { type ParsedFindings, parseFindings } from '../../src/findings/index.js';
import { buildResolver, SHARED } from './resolver.js';

export const resolveRule = buildResolver();

export function sample(path: string): string {
  return readFileSync(`${SHARED}/findings/${path}`, 'utf8');
}

export function fixture(path: string): string {
  return readFileSync(new URL(`../fixtures/scans/${path}`, import.meta.url), 'utf8');
}

export function parseSample(path: string): ParsedFindings {
  return parseFindings(sample(path), { resolveRule, source: path });
}
