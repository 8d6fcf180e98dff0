/**
 * Serves fake GitHub repositories (fake-github.ts) as a real HTTP server on the loopback, under `/api/v3`
 * as GitHub Enterprise Server does, so the App can run as its own process (`GHE_HOST=127.0.0.1:PORT`,
 * `GHE_PROTOCOL=http`). Requests go to the fake whose repository they name; the App's own routes and
 * installation tokens go to the first fake. Nothing listens beyond 127.0.0.1.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeAnswer, FakeGitHub } from './fake-github.js';

export const GHES_PREFIX = '/api/v3';

export interface FakeGitHubServer {
  /** `127.0.0.1:PORT`, the value for `GHE_HOST`. */
  host: string;
  close(): Promise<void>;
}

function fakeFor(fakes: FakeGitHub[], path: string): FakeGitHub {
  const [, owner, repo] = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)/.exec(path) ?? [];
  const first = fakes[0];
  if (!first) throw new Error('no fake repositories to serve');
  return fakes.find((f) => f.owner === owner && f.repo === repo) ?? fakes.find((f) => f.owner === owner) ?? first;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  if ('hang' in answer) return; // the client's deadline ends it
  if ('reset' in answer) {
    res.socket?.destroy();
    return;
  }
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(answer.status, { 'content-type': type, ...answer.headers }).end(text);
}

/** Starts the server on 127.0.0.1 (an ephemeral port). */
export async function serveFakeGitHub(fakes: FakeGitHub[]): Promise<FakeGitHubServer> {
  for (const fake of fakes) fake.setPathPrefix(GHES_PREFIX);
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const answer = fakeFor(fakes, path).answer(
        req.method ?? 'GET',
        `http://127.0.0.1${req.url ?? '/'}`,
        body,
        String(req.headers.accept ?? ''),
      );
      send(res, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
