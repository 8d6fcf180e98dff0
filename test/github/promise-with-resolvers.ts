/**
 * nock 15 intercepts `fetch` through @mswjs/interceptors 0.44, which calls `Promise.withResolvers` — an
 * ES2024 API that Node 20 lacks (Node 22 has it). Without this, every request Probot sends in a test fails
 * with "Promise.withResolvers is not a function". Imported for its side effect by the fake GitHub.
 */
type WithResolvers = <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };

const PromiseCtor = Promise as unknown as { withResolvers?: WithResolvers };

if (typeof PromiseCtor.withResolvers !== 'function') {
  PromiseCtor.withResolvers = <T>() => {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
