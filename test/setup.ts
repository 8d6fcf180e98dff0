import nock from 'nock';
import { afterEach, beforeAll } from 'vitest';

// No test may reach the network; every HTTP mock a test declares must be used.
beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`Unused HTTP mocks: ${pending.join(', ')}`);
});
