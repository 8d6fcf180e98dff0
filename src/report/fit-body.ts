/**
 * Keeps a rendered body within `max` characters, cutting at a line boundary and closing an open code
 * fence, with a note. A safety net: GitHub answers 422 to bodies over 65,536 characters, and a pull request
 * that cannot be opened helps nobody; the commit still holds every change.
 */
export function fitBody(body: string, max: number): string {
  if (body.length <= max) return body;
  const note =
    "\n\n_The rest of this description was cut to fit GitHub's size limit; every change is in the commit._\n";
  let cut = body.lastIndexOf('\n', max - note.length - 16);
  if (cut < 0) cut = 0;
  let head = body.slice(0, cut);
  const fences = head.match(/^ {0,3}(`{3,}|~{3,})/gm) ?? [];
  if (fences.length % 2 === 1) head += `\n${(fences.at(-1) ?? '```').trim()}`;
  return head + note;
}
