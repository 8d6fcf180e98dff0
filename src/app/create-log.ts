/**
 * The App's logger: Probot's (pino, pretty or JSON through @probot/pino, optional Sentry), with every line
 * passed through the secrets redactor before it is written anywhere (redact-secrets.ts).
 */
import { getTransformStream } from '@probot/pino';
import { type Logger, pino } from 'pino';
import type { Redactor } from '../bot/redact-secrets.js';

export interface LogOptions {
  /** `LOG_LEVEL`. Default: info. */
  level?: string;
  /** `LOG_FORMAT`. Default: json when NODE_ENV=production, else pretty (as Probot). */
  format?: string;
  levelInString?: boolean;
  messageKey?: string;
  sentryDsn?: string;
  redact: Redactor;
  /** Where lines go. Default: standard output. */
  destination?: NodeJS.WritableStream;
}

export async function createLog(options: LogOptions): Promise<Logger> {
  const logFormat = options.format
    ? options.format === 'pretty'
      ? 'pretty'
      : 'json'
    : process.env.NODE_ENV === 'production'
      ? 'json'
      : 'pretty';
  const transform = await getTransformStream({
    logFormat,
    logLevelInString: options.levelInString ?? false,
    ...(options.sentryDsn ? { sentryDsn: options.sentryDsn } : {}),
  });
  transform.pipe((options.destination ?? pino.destination(1)) as NodeJS.WritableStream);
  return pino(
    {
      level: options.level || 'info',
      name: 'probot',
      messageKey: options.messageKey || 'msg',
      hooks: { streamWrite: options.redact },
    },
    transform,
  );
}
