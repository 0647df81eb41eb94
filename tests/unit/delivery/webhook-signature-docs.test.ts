import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../shared/services/render-webhook';

type Verify = (secret: string, header: string | undefined, rawBody: string | Buffer, nowSeconds?: number) => boolean;

/** The "Verifying webhooks" snippet of docs/api.md, run as published, against the signer the workers use. */
let verify: Verify;

beforeAll(async () => {
  const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
  const block = /<!-- verify-webhook:start -->\s*```js\n([\s\S]*?)```\s*<!-- verify-webhook:end -->/.exec(doc);
  expect(block, 'the snippet between the verify-webhook markers in docs/api.md').not.toBeNull();
  const file = join(mkdtempSync(join(tmpdir(), 'outpost-doc-')), 'verify.mjs');
  writeFileSync(file, block![1]!);
  ({ verifyOutpostSignature: verify } = (await import(pathToFileURL(file).href)) as { verifyOutpostSignature: Verify });
});

const secret = randomBytes(32).toString('base64url'); // as POST /v1/subscriptions returns it
const body = JSON.stringify({ id: 'dlv', type: 'publication.published', publication: { title: 'Ünïcödé – alert' } });
const t = 1_767_225_600;

describe('the documented webhook verification', () => {
  it('accepts what the signer sends, keyed by the secret text exactly as returned, over the raw body (string or bytes)', () => {
    const header = signWebhook(secret, body, t);
    expect(verify(secret, header, body, t)).toBe(true);
    expect(verify(secret, header, Buffer.from(body, 'utf8'), t + 299)).toBe(true);
  });

  it('rejects a decoded key, a changed body, a changed timestamp and a malformed header', () => {
    const header = signWebhook(secret, body, t);
    const decodedKey = Buffer.from(secret, 'base64url').toString('latin1');
    expect(verify(decodedKey, header, body, t)).toBe(false);
    expect(verify(secret, header, `${body} `, t)).toBe(false);
    expect(verify(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, t)).toBe(false);
    expect(verify(secret, 'v1=abc', body, t)).toBe(false);
    expect(verify(secret, undefined, body, t)).toBe(false);
  });

  it('rejects timestamps outside the 5-minute replay window', () => {
    const header = signWebhook(secret, body, t);
    expect(verify(secret, header, body, t + 301)).toBe(false);
    expect(verify(secret, header, body, t - 301)).toBe(false);
  });
});
