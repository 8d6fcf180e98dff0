/**
 * The last line of defence for secrets in output: every log line the App writes passes through a redactor
 * (server.ts hooks it into pino), and failure reports use it on GitHub's messages. It replaces the values
 * it is given (the webhook secret, the private key's lines) and anything shaped like a GitHub token, a JWT
 * or a PEM private key. The code also never logs headers, request bodies or the environment; this catches
 * what a library might print.
 */
const PATTERNS = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  // Installation, user, OAuth and refresh tokens; fine-grained personal access tokens.
  /\bgh[pousr]_[A-Za-z0-9_]{16,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  // JSON Web Tokens (the App's own, signed with its private key).
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g,
];

/** Values shorter than this are not redacted as text (they would match ordinary words). */
const MIN_SECRET = 8;

export type Redactor = (text: string) => string;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A redactor for `secrets` (each redacted whole and, when multi-line like a PEM key, line by line, so a
 * JSON-escaped or partial copy is caught too) and for the token shapes above.
 */
export function createRedactor(secrets: Array<string | undefined>): Redactor {
  const parts = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    for (const part of [secret, ...secret.split(/\r?\n|\\n/)])
      if (part.trim().length >= MIN_SECRET) parts.add(part.trim());
  }
  const literal =
    parts.size > 0
      ? new RegExp(
          [...parts]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'),
          'g',
        )
      : undefined;
  return (text) => {
    let out = text;
    for (const pattern of PATTERNS) out = out.replace(pattern, '[REDACTED]');
    return literal ? out.replace(literal, '[REDACTED]') : out;
  };
}

/** Redacts only the token shapes (for text that cannot hold the App's configured secrets, such as GitHub's answers). */
export const redactTokens: Redactor = createRedactor([]);
