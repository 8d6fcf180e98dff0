/**
 * Hidden JSON in an HTML comment at the end of a pull-request body (`<!-- kubemend:NAME {json} -->`).
 * Anyone can write such a comment, so callers trust it only in bodies the App itself authored.
 */
import type { z } from 'zod';

/** The comment; `<`, `>` and `&` are JSON-escaped so no string can end the comment early. */
export function renderHiddenComment(marker: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${marker}${json} -->`;
}

/** The value of the last `marker` comment in `body`, or undefined when absent, malformed or not of `schema`. */
export function parseHiddenComment<S extends z.ZodType>(
  body: string,
  marker: string,
  schema: S,
): z.output<S> | undefined {
  const start = body.lastIndexOf(marker);
  if (start < 0) return undefined;
  const end = body.indexOf(' -->', start);
  if (end < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start + marker.length, end));
  } catch {
    // Edited by hand or not ours: treated as no metadata.
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
