// The benchmarks run from `.bench/` (compiled from bench/ and src/); the catalog loader finds the built-in
// remediations beside the compiled sources, so `.bench/remediations` points at the repository's own.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';

mkdirSync('.bench', { recursive: true });
if (!existsSync('.bench/remediations')) symlinkSync('../remediations', '.bench/remediations');
