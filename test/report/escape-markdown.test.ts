/** Hostile strings from manifests and findings stay inert in PR bodies. */
import { describe, expect, it } from 'vitest';
import { codeFence, escapeMarkdown, inlineCode } from '../../src/report/escape-markdown.js';

const ZWJ = '\u200d';

describe('escapeMarkdown', () => {
  it.each([
    ['@octocat please review', `@${ZWJ}octocat please review`],
    ['fixes #123 and org/repo#7 and GH-42', `fixes #${ZWJ}123 and org/repo#${ZWJ}7 and GH${ZWJ}-42`],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['</details><script>', '&lt;/details&gt;&lt;script&gt;'],
    ['a|b', 'a\\|b'],
    ['[click](https://evil.example)', `\\[click\\]\\(https:${ZWJ}//evil.example\\)`],
    ['![x](https://evil.example/p.png)', `\\!\\[x\\]\\(https:${ZWJ}//evil.example/p.png\\)`],
    ['**bold** _it_ `code` ~~s~~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~'],
    ['line\nbreak\r\n| x |', 'line break \\| x \\|'],
    ['www.evil.example', `www${ZWJ}.evil.example`],
    ['a & "b"', 'a &amp; &quot;b&quot;'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('inlineCode', () => {
  it('uses a fence longer than any backtick run and escapes pipes', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('``x')).toBe('``` ``x ```');
    expect(inlineCode('a|b\nc')).toBe('`a\\|b c`');
  });
});

describe('codeFence', () => {
  it('is longer than any backtick fence in the content', () => {
    expect(codeFence('no fences')).toBe('```');
    expect(codeFence('+```\n+````yaml')).toBe('`````');
  });
});
