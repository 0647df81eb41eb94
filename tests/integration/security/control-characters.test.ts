import type { AddressInfo } from 'node:net';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryOutbox } from '../../../shared/adapters/outbox/memory-outbox';
import { sesEmailSender } from '../../../shared/adapters/ses/ses-email-sender';
import { smtpEmailSender } from '../../../shared/adapters/smtp/smtp-email-sender';
import { systemClock, ulidIds } from '../../../shared/adapters/system/clock';
import type { EmailMessage } from '../../../shared/ports/messaging';
import { addPerson, advisoryInput, alertInput, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Finding 9: a title with CR/LF reached an email subject raw. One-line
 * fields refuse control characters and line breaks at the edge, and every
 * email transport keeps them out of every header, whatever it is given.
 */
let h: Harness;
let publisher: Awaited<ReturnType<typeof addPerson>>;
let smtp: SMTPServer;
const rawMessages: string[] = [];

beforeAll(async () => {
  h = await makeHarness();
  publisher = await addPerson(h, 'publisher');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => (rawMessages.push(raw), callback()));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const INJECTIONS = ['Curfew\r\nBcc: everyone@example.org', 'Curfew\nX-Injected: 1', 'Curfew\rX-Injected: 1', 'Curfew\u2028X-Injected: 1', 'Cur\u0000few', 'Cur\u001bfew', 'Cur\u0085few'];

describe('one-line fields', () => {
  it.each([
    ['title', (bad: string) => alertInput(['KE'], 'TLP:CLEAR', { title: bad })],
    ['places.0', (bad: string) => alertInput(['KE'], 'TLP:CLEAR', { places: [bad] })],
    ['actions.0', (bad: string) => alertInput(['KE'], 'TLP:CLEAR', { actions: [bad] })],
    ['assistance.0.name', (bad: string) => alertInput(['KE'], 'TLP:CLEAR', { assistance: [{ name: bad }] })],
    ['sections.0.heading', (bad: string) => ({ ...advisoryInput('KE', 2), kind: 'country-report', level: undefined, indicators: undefined, year: 2026, sections: [{ heading: bad, body: 'x' }] })],
    ['aliases.0', (bad: string) => ({ ...alertInput(['KE'], 'TLP:CLEAR'), kind: 'group-profile', actions: undefined, aliases: [bad], areasOfOperation: ['Somalia'], designations: ['FTO'] })],
  ])('refuse line breaks and control characters in %s, naming the field', async (path, build) => {
    for (const bad of INJECTIONS) {
      const res = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: JSON.parse(JSON.stringify(build(bad))) as unknown });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuse them in an API key’s name; prose refuses control characters but keeps its line breaks and tabs', async () => {
    expect((await call(h, 'POST', '/v1/keys', { key: publisher.key, body: { name: 'ci\r\nX-Injected: 1' } })).status).toBe(422);
    const prose = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:CLEAR', { summary: 'Line one.\nLine two.', body: 'Para one.\r\n\r\nPara two.\tTabbed.' }) });
    expect(prose.status, prose.text).toBe(201);
    const bell = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['KE'], 'TLP:CLEAR', { summary: 'Ring\u0007' }) });
    expect(bell.status).toBe(422);
  });
});

describe('email headers, whatever the transport', () => {
  const message = (bad: string): EmailMessage => ({ to: 'reader@example.org', subject: bad, text: 'Body', headers: { 'List-Unsubscribe': `<https://outpost.test/u>${bad.slice(6)}` } });
  // eslint-disable-next-line no-control-regex -- what must not be in a header
  const oneLine = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

  it('stay one line in the outbox, SES and SMTP alike: no line break in the subject or any header', async () => {
    const outbox = memoryOutbox(systemClock, ulidIds());
    for (const bad of INJECTIONS) await outbox.sendEmail(message(bad));
    for (const record of outbox.list()) {
      expect(record.subject).toMatch(oneLine);
      for (const value of Object.values(record.headers ?? {})) expect(value).toMatch(oneLine);
    }

    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const viaSes = sesEmailSender(new SESv2Client({ region: 'us-east-1' }), 'alerts@outpost.test');
    for (const bad of INJECTIONS) await viaSes.sendEmail(message(bad));
    for (const sent of ses.commandCalls(SendEmailCommand)) {
      const simple = sent.args[0].input.Content!.Simple!;
      expect(simple.Subject!.Data).toMatch(oneLine);
      for (const header of simple.Headers ?? []) expect(header.Value).toMatch(oneLine);
    }
    ses.restore();

    const { port } = smtp.server.address() as AddressInfo;
    const viaSmtp = smtpEmailSender(`smtp://127.0.0.1:${port}`, 'Outpost <alerts@outpost.test>');
    for (const bad of INJECTIONS.slice(0, 4)) await viaSmtp.sendEmail(message(bad));
    expect(rawMessages).toHaveLength(4);
    for (const raw of rawMessages) expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).not.toMatch(/^(Bcc|X-Injected):/im);
  });
});
