/**
 * Reading a webhook body within bounds: the size limit, checked chunk by chunk, and a byte budget shared by
 * every body being read or handled at once. The HMAC is computed as the chunks arrive, and the chunks are
 * kept as they are until the caller has checked the signature.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Refusal = { status: number; message: string };

/** A body read whole, or refused; `read` bytes were read, `held` bytes of the budget are held for it. */
export type Body = ({ ok: true; chunks: Buffer[]; digest: Buffer } | ({ ok: false } & Refusal)) & {
  read: number;
  held: number;
};

export type ByteBudget = ReturnType<typeof createByteBudget>;

/** Bytes that may be held at once; `take` refuses what would go over. */
export function createByteBudget(max: number) {
  let used = 0;
  return {
    take(n: number): boolean {
      if (used + n > max) return false;
      used += n;
      return true;
    },
    give(n: number): void {
      used -= n;
    },
  };
}

/**
 * Reads the body within `limit`, hashing it as it arrives. `reserved` bytes of the shared budget are held
 * already (the declared length); bytes beyond them (a chunked body) are taken as they arrive. The result
 * says how much of the budget the caller gives back when done with the body.
 */
export function readBody(
  req: IncomingMessage,
  secret: string,
  limit: number,
  budget: ByteBudget,
  reserved: number,
): Promise<Body> {
  return new Promise((resolve) => {
    const hmac = createHmac('sha256', secret);
    const chunks: Buffer[] = [];
    let size = 0;
    let held = reserved;
    const finish = (body: Body) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      if (!body.ok) req.pause();
      resolve(body);
    };
    const refuse = (status: number, message: string) => finish({ ok: false, status, message, read: size, held });
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return refuse(413, `payload over ${limit} bytes refused`);
      const extra = size + chunk.length - held;
      if (extra > 0) {
        if (!budget.take(extra)) return refuse(503, 'too many large payloads at once; retry later');
        held += extra;
      }
      size += chunk.length;
      hmac.update(chunk);
      chunks.push(chunk);
    };
    // The body stays in its chunks until the signature is checked: a forged one is never copied or decoded.
    const onEnd = () => finish({ ok: true, chunks, digest: hmac.digest(), read: size, held });
    const onError = () => refuse(400, 'request aborted');
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
