/**
 * The Action's entry (action.yml `runs.main`, bundled into dist-action/index.js). Exit code 1 when
 * the step fails; an unexpected error is printed with its stack as an error annotation.
 */
import { runAction } from './run-action.js';
import { annotation } from './workflow-commands.js';

try {
  process.exitCode = await runAction({ env: process.env, stdout: (text) => process.stdout.write(text) });
} catch (err) {
  process.stdout.write(
    annotation(
      'error',
      `kubemend failed unexpectedly (a bug; please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    ),
  );
  process.exitCode = 1;
}
