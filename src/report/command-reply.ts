/**
 * The one reply kubemend gives a command: the command quoted, what happened, and a hidden key (the
 * comment id and the command line) by which a retried command finds and edits this reply instead of
 * adding another. The key is trusted only in comments kubemend itself wrote (the caller checks the author).
 */
import { z } from 'zod';
import { inlineCode } from './escape-markdown.js';
import { parseHiddenComment, renderHiddenComment } from './hidden-comment.js';

const MARKER = '<!-- kubemend:reply ';

/** How a command ended: `done` ones are not run again on a replayed delivery. */
export type ReplyStatus = 'done' | 'refused' | 'denied' | 'failed';

const ReplyMetaSchema = z.object({ key: z.string(), status: z.enum(['done', 'refused', 'denied', 'failed']) });
export type ReplyMeta = z.output<typeof ReplyMetaSchema>;

/** GitHub's limit on a comment body. */
export const MAX_COMMENT = 65536;

/** The key of a command's reply: its comment (or check run action) and its line. */
export function replyKey(source: string, line: string): string {
  return `${source}:${line}`;
}

export interface ReplyInput {
  key: string;
  status: ReplyStatus;
  /** The command line as written (quoted as code, so nothing in it renders). */
  line: string;
  /** Markdown paragraphs, every untrusted string already escaped by the caller. */
  body: string[];
}

const ICON: Record<ReplyStatus, string> = { done: '🚀', refused: '😕', denied: '🔒', failed: '😕' };

/** The reply's markdown, within GitHub's comment limit (a long body is cut with a note, the key kept). */
export function renderCommandReply(input: ReplyInput): string {
  const hidden = renderHiddenComment(MARKER, { key: input.key, status: input.status });
  const head = `${ICON[input.status]} ${inlineCode(input.line)}`;
  let text = [head, ...input.body].join('\n\n');
  const room = MAX_COMMENT - hidden.length - 200;
  if (text.length > room) text = `${text.slice(0, room)}\n\n…(cut: the reply was longer than a comment can hold)`;
  // A cut may leave a fence open; closing it keeps the hidden key out of the code block.
  const fences = text.match(/^`{3,}/gm) ?? [];
  if (fences.length % 2 === 1) text += `\n${fences.at(-1)}`;
  return `${text}\n\n${hidden}`;
}

/** The key and status of a reply body, or undefined when it is not one. */
export function parseCommandReply(body: string): ReplyMeta | undefined {
  return parseHiddenComment(body, MARKER, ReplyMetaSchema);
}
