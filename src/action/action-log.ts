/**
 * The bot core logs through pino (static message, structured fields). In a workflow those lines become
 * workflow commands: errors and warnings are annotations on the run, info is a plain log line, debug shows
 * when the run is re-run with debug logging. Fields are JSON, so no text from a repository can start a
 * line of its own.
 */
import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';
import { annotation, debugLine } from './workflow-commands.js';

/** One pino JSON line as the runner should see it. */
export function toWorkflowLine(json: string): string {
  const { level, msg, ...fields } = JSON.parse(json) as { level: number; msg?: string } & Record<string, unknown>;
  const text = `${msg ?? ''}${Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : ''}`;
  if (level >= 50) return annotation('error', text);
  if (level >= 40) return annotation('warning', text);
  if (level >= 30) return `kubemend: ${text}\n`;
  return debugLine(text);
}

/** A pino logger writing workflow commands through `write` (stdout in the Action). Default level: debug. */
export function createActionLog(write: (text: string) => void, level: pino.Level = 'debug'): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') write(toWorkflowLine(line));
      done();
    },
  });
  return pino({ level, base: null, timestamp: false }, sink);
}
