/**
 * Renders markdown close to the way GitHub does, for asserting what a reviewer sees: GFM tables and
 * strikethrough, raw HTML allowed, and GitHub's autolinks (`www.`, `http(s)://`, emails; not bare domains).
 * Mentions and issue references are GitHub-only, so `prose()` returns the rendered text outside code for
 * tests to check that no `@name` or `#12` is left there.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });

/** The HTML GitHub-like markdown renders to. */
export function renderHtml(markdown: string): string {
  return md.render(markdown);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text a reader sees in `html` (tags removed, markdown-it's entities decoded). */
export function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
}

/** The visible text of every code span and code block in `html`, in order. */
export function codeTexts(html: string): string[] {
  return [...html.matchAll(/<code[^>]*>([\s\S]*?)<\/code>/g)].map((m) => visibleText(m[1] ?? ''));
}

/** The visible text outside code spans and code blocks. */
export function prose(html: string): string {
  return visibleText(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, ' '));
}
