import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageBus } from '../../../infra/local/message-bus';
import { registerWorkers } from '../../../infra/local/workers';
import { announceOnBus, announcementOf } from '../../support/announce';
import { addPerson, alertInput, BASE_URL, call, makeHarness, type Harness } from '../../support/harness';

/**
 * Local mode with `SMTP_URL`: email goes out by SMTP (nodemailer) to a real
 * SMTP server on 127.0.0.1 (the `smtp-server` package, parsed with
 * `mailparser`) and is still recorded in the outbox, through the same local
 * wiring `npm start` uses: the confirmation sent by the API and an alert
 * sent by the email worker.
 */
const FROM = 'Outpost test <alerts@outpost.test>';
const REFUSED = 'refused@example.org';
const received: { envelopeTo: string[]; mail: ParsedMail }[] = [];
let smtp: SMTPServer;
let h: Harness;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(address.address === REFUSED ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  h = await makeHarness({}, { smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: FROM });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

const mailTo = (address: string) => received.filter((r) => r.envelopeTo.includes(address)).map((r) => r.mail);
const outboxTo = (address: string) => h.deps.outbox!.list().filter((m) => m.to === address);
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((l) => l.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');

describe('email by SMTP in local mode', () => {
  it('sends the confirmation by SMTP from the configured sender, and keeps it in the outbox', async () => {
    const address = `smtp-confirm-${h.deps.ids.next().toLowerCase()}@example.org`;
    const res = await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address, countries: ['IS'] } });
    expect(res.status).toBe(201);

    const [mail, ...more] = mailTo(address);
    expect(more).toEqual([]);
    const [kept] = outboxTo(address);
    expect(mail!.subject).toBe('Confirm your Outpost alerts');
    expect(mail!.subject).toBe(kept!.subject);
    expect(mail!.from?.value).toEqual([{ name: 'Outpost test', address: 'alerts@outpost.test' }]);
    expect(mail!.text?.trim()).toBe(kept!.text.trim());
    expect(mail!.text).toContain(`${BASE_URL}/subscribe/confirm?token=`);
  });

  it('sends an alert from the email worker with its text, HTML and one-click unsubscribe headers', async () => {
    const publisher = await addPerson(h, 'publisher');
    const address = `smtp-alert-${h.deps.ids.next().toLowerCase()}@example.org`;
    await call(h, 'POST', '/v1/subscriptions', { body: { channel: 'email', address, countries: ['NP'] } });
    const link = /http\S+\/subscribe\/confirm(\S+)/.exec(outboxTo(address)[0]!.text)![1]!;
    expect((await call(h, 'POST', `/v1/subscriptions/confirm${link}`)).json).toMatchObject({ status: 'active' });

    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: alertInput(['NP'], 'TLP:CLEAR', { title: 'Landslides close the Araniko Highway' }) });
    expect((await call(h, 'POST', `/v1/publications/${created.json.id}/publish`, { key: publisher.key })).status).toBe(200);
    const bus = createMessageBus({ backoff: () => 0 });
    registerWorkers(bus, h.deps, { sleep: async () => {} });
    await announceOnBus(bus, announcementOf((await h.deps.publications.get(created.json.id as string))!.current!));
    await bus.drain();

    const alert = mailTo(address).find((m) => m.subject?.includes('Landslides close the Araniko Highway'));
    const kept = outboxTo(address).find((m) => m.subject === alert?.subject);
    expect(alert, 'the alert reached the SMTP server').toBeDefined();
    expect(kept, 'and the outbox').toBeDefined();
    expect(alert!.text?.trim()).toBe(kept!.text.trim());
    expect(alert!.html).toBeTruthy();
    expect(alert!.html).toContain('Landslides close the Araniko Highway');
    expect(header(alert!, 'List-Unsubscribe')).toBe(kept!.headers!['List-Unsubscribe']);
    expect(header(alert!, 'List-Unsubscribe')).toMatch(/^<http:\/\/outpost\.test\/\S+>$/);
    expect(header(alert!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  });

  it('records nothing in the outbox when the SMTP server refuses the message', async () => {
    await expect(h.deps.email.sendEmail({ to: REFUSED, subject: 'Refused', text: 'Not taken.' })).rejects.toThrow(/550|Mailbox unavailable/);
    expect(outboxTo(REFUSED)).toEqual([]);
    expect(mailTo(REFUSED)).toEqual([]);
  });
});
