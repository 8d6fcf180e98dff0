/**
 * The App's HTTP server: `GET /ping` for probes and the webhook endpoint. It replaces Probot's server so
 * that a hostile request is refused before it costs memory:
 *
 * - a request without GitHub's headers, or with a malformed signature, is refused before its body is read;
 * - a declared `content-length` over the limit (GitHub caps payloads at 25 MB) is refused unread, and a
 *   body that grows past it while streaming is cut off at the limit;
 * - all bodies being read or handled at once share a byte budget (a declared length is reserved before
 *   anything is read): past it, requests are refused with 503, so a burst of large bodies cannot add up;
 * - the HMAC-SHA256 signature is computed while the body streams in and compared in constant time
 *   (`timingSafeEqual`, as @octokit/webhooks does); only a verified body is parsed and handed to Probot.
 *
 * GitHub gets its answer (202) once the handlers have queued their jobs.
 * https://docs.github.com/webhooks/using-webhooks/best-practices-for-using-webhooks
 */
import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Logger } from 'pino';
import { type Body, type Refusal, createByteBudget, readBody } from './read-webhook-body.js';

/** GitHub caps webhook payloads at 25 MB. https://docs.github.com/webhooks/webhook-events-and-payloads#payload-cap */
export const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

export interface WebhookEvent {
  id: string;
  name: string;
  payload: unknown;
}

export interface WebhookServerOptions {
  secret: string;
  /** Runs the handlers (Probot's `receive`); resolves when they have queued their work. */
  receive(event: WebhookEvent): Promise<void>;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** Default: /api/github/webhooks (Probot's). */
  path?: string;
  /** Largest body accepted. Default: 25 MiB. */
  maxBodyBytes?: number;
  /** Bytes of all bodies being read at once. Default: 4 × maxBodyBytes. */
  maxInflightBytes?: number;
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;
const JSON_TYPE = /^\s*application\/json\s*(;|$)/i;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function respond(req: IncomingMessage, res: ServerResponse, status: number, message: string, close = false): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...(close ? { connection: 'close' } : {}) });
  // A refused body is not read to its end: the connection is closed once the answer is out.
  res.end(`${message}\n`, () => {
    if (close) req.destroy();
  });
}

/** What is wrong with the request before its body is read, or undefined. */
function precheck(req: IncomingMessage, limit: number): Refusal | undefined {
  if (!header(req, 'x-github-event') || !header(req, 'x-github-delivery'))
    return { status: 400, message: 'X-GitHub-Event and X-GitHub-Delivery are required' };
  if (!SIGNATURE.test(header(req, 'x-hub-signature-256') ?? ''))
    return { status: 401, message: 'X-Hub-Signature-256 (sha256=<hex>) is required' };
  if (!JSON_TYPE.test(header(req, 'content-type') ?? ''))
    return { status: 415, message: 'set the webhook content type to application/json' };
  const declared = Number(header(req, 'content-length') ?? '0');
  if (declared > limit) return { status: 413, message: `payload of ${declared} bytes refused; the limit is ${limit}` };
  return undefined;
}

export function createWebhookServer(options: WebhookServerOptions): Server {
  const path = options.path ?? '/api/github/webhooks';
  const limit = options.maxBodyBytes ?? GITHUB_MAX_PAYLOAD_BYTES;
  const budget = createByteBudget(options.maxInflightBytes ?? 4 * limit);
  const { log } = options;

  async function webhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fields = { event: header(req, 'x-github-event'), delivery: header(req, 'x-github-delivery') };
    const refuse = (refusal: Refusal, read: number) => {
      log.warn({ ...fields, status: refusal.status, reason: refusal.message, bytesRead: read }, 'webhook refused');
      respond(req, res, refusal.status, refusal.message, true);
    };
    const early = precheck(req, limit);
    if (early) return refuse(early, 0);
    // A declared length is reserved before anything is read: a burst of large bodies is refused unread.
    const declared = Number(header(req, 'content-length') ?? '0');
    if (declared > 0 && !budget.take(declared))
      return refuse({ status: 503, message: 'too many large payloads at once; retry later' }, 0);
    const body = await readBody(req, options.secret, limit, budget, declared);
    try {
      if (!body.ok) return refuse(body, body.read);
      await verified(req, res, fields, body);
    } finally {
      budget.give(body.held);
    }
  }

  async function verified(
    req: IncomingMessage,
    res: ServerResponse,
    fields: { event?: string; delivery?: string },
    body: Body & { ok: true },
  ): Promise<void> {
    const expected = Buffer.from(SIGNATURE.exec(header(req, 'x-hub-signature-256') ?? '')?.[1] ?? '', 'hex');
    if (expected.length !== body.digest.length || !timingSafeEqual(expected, body.digest)) {
      log.warn({ ...fields, status: 401 }, 'webhook refused: signature does not match the payload and WEBHOOK_SECRET');
      return respond(req, res, 401, 'signature does not match');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.concat(body.chunks, body.read).toString('utf8'));
    } catch {
      return respond(req, res, 400, 'payload is not JSON');
    }
    try {
      await options.receive({ id: fields.delivery ?? '', name: fields.event ?? '', payload });
    } catch (err) {
      log.error(
        { ...fields, err: String((err as Error)?.message ?? err) },
        'webhook handler failed; the delivery can be redelivered',
      );
      return respond(req, res, 500, 'handler failed');
    }
    log.debug({ ...fields, bytes: body.read }, 'webhook accepted');
    respond(req, res, 202, 'accepted');
  }

  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && url === '/ping') return respond(req, res, 200, 'PONG');
    if (url !== path) return respond(req, res, 404, 'not found', true);
    if (req.method !== 'POST') return respond(req, res, 405, 'POST only', true);
    webhook(req, res).catch((err: unknown) => {
      log.error({ err: String(err) }, 'webhook server error');
      if (!res.headersSent) respond(req, res, 500, 'server error', true);
    });
  });
  // A slow sender cannot hold a budget share for long.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server;
}
