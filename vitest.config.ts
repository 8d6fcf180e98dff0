import { defineConfig } from 'vitest/config';

// Tests are deterministic: no wall-clock thresholds, network disabled (test/setup.ts). One convention: every
// test lives under test/, mirroring src/ (issue 11).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
