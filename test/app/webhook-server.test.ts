/**
 * kubemend's webhook endpoint on the loopback, with small limits: what a request may cost before its
 * signature is checked, and what reaches the handlers.
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type WebhookEvent, createWebhookServer } from '../../src/app/webhook-server.js';

const SECRET = 'webhook-test-secret';
const LIMIT = 64 * 1024;

let server: Server;
let port: number;
const received: WebhookEvent[] = [];
const warnings: Array<Record<string, unknown>> = [];
let failNext = false;

beforeAll(async () => {
  nock.enableNetConnect('127.0.0.1');
  const log = {
    debug: () => undefined,
    info: () => undefined,
    warn: (o: object) => warnings.push(o as Record<string, unknown>),
    error: () => undefined,
  };
  server = createWebhookServer({
    secret: SECRET,
    log: log as never,
    maxBodyBytes: LIMIT,
    maxInflightBytes: 2 * LIMIT,
    receive: async (event) => {
      if (failNext) {
        failNext = false;
        throw new Error('handler broke');
      }
      received.push(event);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  nock.disableNetConnect();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  received.length = 0;
  warnings.length = 0;
});

const sign = (body: string | Buffer) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const hooks = (id: string, signature?: string): Record<string, string> => ({
  'content-type': 'application/json',
  'x-github-event': 'push',
  'x-github-delivery': id,
  ...(signature ? { 'x-hub-signature-256': signature } : {}),
});

interface Answer {
  status: number;
  text: string;
}

/**
 * Sends `total` bytes of body in 16 KiB chunks, one per event-loop turn, unless the server answers first;
 * `length` is the declared content-length (none: chunked).
 */
function send(headers: Record<string, string>, total: number, length?: number, fill = ' '): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/github/webhooks',
        method: 'POST',
        headers: { ...headers, ...(length !== undefined ? { 'content-length': String(length) } : {}) },
      },
      (res) => {
        answered = true;
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(16 * 1024, fill);
    const pump = () => {
      if (answered || req.destroyed) return;
      if (sent >= total) return void req.end();
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      req.write(part);
      setImmediate(pump);
    };
    pump();
  });
}

function post(headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/github/webhooks',
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('webhook server', () => {
  it('accepts a signed delivery and hands the parsed payload to the handlers', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', commits: [] });
    const answer = await post(hooks('ok-1', sign(body)), body);
    expect(answer.status).toBe(202);
    expect(received).toEqual([{ id: 'ok-1', name: 'push', payload: { ref: 'refs/heads/main', commits: [] } }]);
  });

  it('refuses an unsigned request before reading its body', async () => {
    const answer = await send(hooks('unsigned'), 10 * LIMIT, 10 * LIMIT);
    expect(answer.status).toBe(401);
    expect(warnings.map((w) => [w.status, w.bytesRead])).toEqual([[401, 0]]);
    expect(received).toEqual([]);
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    const answer = await send(hooks('big', sign('x')), 10 * LIMIT, 10 * LIMIT);
    expect(answer.status).toBe(413);
    expect(warnings.map((w) => [w.status, w.bytesRead])).toEqual([[413, 0]]);
  });

  it('cuts off a chunked body that grows past the limit while streaming', async () => {
    const answer = await send(hooks('chunked', sign('x')), 10 * LIMIT);
    expect(answer.status).toBe(413);
    expect(warnings.map((w) => w.status)).toEqual([413]);
    expect(warnings[0]!.bytesRead).toBeLessThanOrEqual(LIMIT);
  });

  it('refuses a wrong signature, compared only after the body is complete, and parses nothing', async () => {
    const body = JSON.stringify({ zen: 'x' });
    const answer = await post(hooks('forged', sign(`${body} `)), body);
    expect(answer.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('refuses other content types, missing headers, other paths and methods', async () => {
    const body = '{}';
    expect(
      (await post({ ...hooks('form', sign(body)), 'content-type': 'application/x-www-form-urlencoded' }, body)).status,
    ).toBe(415);
    expect((await post({ 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body)).status).toBe(
      400,
    );
    const other = await new Promise<number>((resolve) =>
      request({ host: '127.0.0.1', port, path: '/other' }, (r) => resolve(r.statusCode ?? 0)).end(),
    );
    expect(other).toBe(404);
    const ping = await new Promise<string>((resolve) =>
      request({ host: '127.0.0.1', port, path: '/ping' }, (r) => {
        let t = '';
        r.on('data', (c: Buffer) => (t += c.toString()));
        r.on('end', () => resolve(t));
      }).end(),
    );
    expect(ping).toBe('PONG\n');
  });

  it('answers 500 when a handler fails, so the delivery shows as failed and can be redelivered', async () => {
    failNext = true;
    const body = '{}';
    expect((await post(hooks('broken', sign(body)), body)).status).toBe(500);
  });

  it('shares one byte budget among bodies being read: past it, 503 before reading', async () => {
    // Two bodies declared just under the limit each, started and left unfinished, hold the budget (2 x LIMIT).
    const size = LIMIT - 1024;
    let seen = 0;
    const bothStarted = new Promise<void>((resolve) =>
      server.prependListener('request', () => ++seen === 2 && setImmediate(resolve)),
    );
    // Raw sockets: nock's interceptor would hold an unfinished http.request body back until it ends.
    const head = Object.entries({ ...hooks('held', sign('x')), 'content-length': String(size), host: '127.0.0.1' }).map(
      ([k, v]) => `${k}: ${v}`,
    );
    const open = [0, 1].map(() => connect(port, '127.0.0.1').on('error', () => undefined));
    for (const socket of open) socket.write(`POST /api/github/webhooks HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n `);
    await bothStarted;
    const third = await send(hooks('third', sign(' '.repeat(size))), size, size);
    expect(third.status).toBe(503);
    expect(warnings.find((w) => w.delivery === 'third')).toMatchObject({ status: 503, bytesRead: 0 });
    for (const req of open) req.destroy();
  });
});
