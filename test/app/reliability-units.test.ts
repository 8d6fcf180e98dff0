import { describe, expect, it } from 'vitest';
import { createDeliveryLedger } from '../../src/bot/in-process/ledger.js';
import { describeError } from '../../src/bot/describe-error.js';
import { isOwnCommit } from '../../src/bot/pull-requests/own-commit.js';
import { createRedactor } from '../../src/bot/redact-secrets.js';
import { type Job, deliveriesOf } from '../../src/bot/jobs.js';
import { mergeJobs } from '../../src/bot/in-process/merge-jobs.js';

describe('createDeliveryLedger', () => {
  it('drops a delivery in flight and one that succeeded; runs one that failed again', async () => {
    const ledger = createDeliveryLedger();
    expect(await ledger.begin('a')).toBe(true);
    await ledger.add('a'); // a job
    await ledger.settle('a', true); // the handler
    expect([await ledger.begin('a'), await ledger.state('a')]).toEqual([false, 'in-flight']);
    await ledger.settle('a', true); // the job
    expect([await ledger.begin('a'), await ledger.state('a')]).toEqual([false, 'done']);

    expect(await ledger.begin('b')).toBe(true);
    await ledger.add('b');
    await ledger.add('b');
    await ledger.settle('b', true);
    await ledger.settle('b', false); // one of its jobs failed
    expect(await ledger.state('b')).toBe('in-flight');
    await ledger.settle('b', true);
    expect(await ledger.state('b')).toBeUndefined();
    expect(await ledger.begin('b')).toBe(true); // the redelivery runs
  });

  it('forgets the oldest done deliveries beyond its bound', async () => {
    const ledger = createDeliveryLedger(2);
    for (const id of ['a', 'b', 'c']) {
      await ledger.begin(id);
      await ledger.settle(id, true);
    }
    expect(await Promise.all(['a', 'b', 'c'].map((id) => ledger.state(id)))).toEqual([undefined, 'done', 'done']);
  });
});

describe('createRedactor', () => {
  const pem = [
    '-----BEGIN PRIVATE KEY-----',
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
    'c2VjcmV0LWtleS1tYXRlcmlhbC1saW5lLXR3by1vZi10aGU=',
    '-----END PRIVATE KEY-----',
  ].join('\n');
  const redact = createRedactor([pem, 'whsec-abcdef123', undefined, 'short']);

  it('redacts configured secrets whole, line by line and JSON-escaped, and token shapes', () => {
    expect(redact(`key ${pem} end`)).toBe('key [REDACTED] end');
    expect(redact(JSON.stringify({ msg: `part c2VjcmV0LWtleS1tYXRlcmlhbC1saW5lLXR3by1vZi10aGU= of it` }))).toBe(
      '{"msg":"part [REDACTED] of it"}',
    );
    expect(redact('secret=whsec-abcdef123')).toBe('secret=[REDACTED]');
    expect(redact('token ghs_16CharactersOrMore12 and github_pat_11ABCDEFG0123456789_abcdef')).toBe(
      'token [REDACTED] and [REDACTED]',
    );
    expect(redact('Authorization: bearer eyJhbGciOiJSUzI1NiJ9.eyJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLWJ5dGVz')).toBe(
      'Authorization: bearer [REDACTED]',
    );
  });

  it('leaves ordinary text alone (values under 8 characters are not redacted as text)', () => {
    expect(redact('a short note about the shortlist')).toBe('a short note about the shortlist');
  });
});

describe('describeError', () => {
  it('keeps status, request line and message; never headers or bodies', () => {
    const err = Object.assign(new Error('Server Error - https://docs.github.com/rest'), {
      status: 502,
      request: {
        method: 'POST',
        url: 'https://api.github.com/repos/o/r/pulls?x=1',
        headers: { authorization: 'token ghs_16CharactersOrMore12' },
        body: '{"title":"t"}',
      },
      response: { headers: { 'x-github-request-id': '1' }, data: { message: 'Server Error' } },
    });
    expect(describeError(err)).toEqual({
      status: 502,
      request: 'POST /repos/o/r/pulls',
      message: 'Server Error - https://docs.github.com/rest',
    });
    expect(describeError(new Error('bad credentials ghs_16CharactersOrMore12')).message).toBe(
      'bad credentials [REDACTED]',
    );
    expect(describeError('plain')).toEqual({ message: 'plain' });
  });
});

describe('isOwnCommit', () => {
  const commit = {
    sha: 'c',
    treeSha: 't',
    parents: ['p'],
    authorLogin: 'kubemend[bot]',
    committerLogin: 'web-flow',
    verified: true,
  };
  it('takes a signed commit authored by the bot, committed by GitHub or the bot', () => {
    expect(isOwnCommit(commit, 'kubemend[bot]')).toBe(true);
    expect(isOwnCommit({ ...commit, committerLogin: 'kubemend[bot]' }, 'kubemend[bot]')).toBe(true);
  });
  it('refuses an unsigned one, another author, or a person who set the bot as author and signed as themselves', () => {
    expect(isOwnCommit({ ...commit, verified: false }, 'kubemend[bot]')).toBe(false);
    expect(isOwnCommit({ ...commit, authorLogin: 'octocat' }, 'kubemend[bot]')).toBe(false);
    expect(isOwnCommit({ ...commit, committerLogin: 'mallory' }, 'kubemend[bot]')).toBe(false);
  });
});

describe('mergeJobs', () => {
  const finding = (rule: string) => ({
    tool: 'trivy',
    ruleId: rule,
    message: 'm',
    remediation: 'run-as-non-root',
    location: { path: 'a.yaml' },
  });
  const job = (kind: 'findings' | 'recheck' | 'scan', id: string, findings = [finding('KSV-0012')]): Job => {
    const base = { installationId: 1, owner: 'o', repo: 'r', baseBranch: 'main', deliveryId: id };
    return kind === 'findings' ? { ...base, kind, findings } : { ...base, kind };
  };

  it('folds findings and re-check jobs for one repository into one findings run answering for every delivery', () => {
    const merged = mergeJobs(job('findings', 'a'), job('recheck', 'b', []));
    expect(merged).toMatchObject({ kind: 'findings', deliveryId: 'a', foldedDeliveryIds: ['b'] });
    const again = mergeJobs(merged!, job('findings', 'c', [finding('KSV-0012'), finding('KSV-0001')]));
    expect(again?.kind === 'findings' && again.findings.map((f) => f.ruleId)).toEqual(['KSV-0012', 'KSV-0001']);
    expect(deliveriesOf(again!)).toEqual(['a', 'b', 'c']);
    expect(mergeJobs(job('recheck', 'a', []), job('recheck', 'b', []))?.kind).toBe('recheck');
  });

  it('never merges scans, other repositories or other base branches', () => {
    expect(mergeJobs(job('scan', 'a'), job('findings', 'b'))).toBeUndefined();
    expect(mergeJobs(job('findings', 'a'), { ...job('findings', 'b'), repo: 'other' })).toBeUndefined();
    expect(mergeJobs(job('findings', 'a'), { ...job('findings', 'b'), baseBranch: 'dev' })).toBeUndefined();
  });
});
