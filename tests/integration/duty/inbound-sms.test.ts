import { beforeAll, describe, expect, it } from 'vitest';
import { createInboundSmsHandler } from '../../../functions/inbound-sms/handler';
import type { SqsEvent } from '../../../shared/ports/sqs-event';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';
import { uniqueAddress } from '../../support/unique';

/**
 * Two-way SMS in AWS: End User Messaging publishes each reply to an SNS
 * topic, SNS hands it to the inbound queue, and the inbound-sms function
 * answers the traveler's safety check, as the local route does. Runs the
 * handler on the events SQS would deliver, against DynamoDB Local.
 */

let h: Harness;
let phoneSerial = 0;
const logs: string[] = [];
const logger = {
  info: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f)}`),
  warn: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f)}`),
  error: (m: string, f?: object) => logs.push(`${m} ${JSON.stringify(f)}`),
};
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const nextPhone = () => `+2567${String(20_000_000 + (phoneSerial += 1)).padStart(8, '0')}`;
const ORIGINATION = '+12065550142';

beforeAll(async () => {
  h = await makeHarness();
});

/** The SQS event of the inbound queue: SNS envelopes (raw delivery off) around End User Messaging's JSON, or a raw body as given. */
function sqsEvent(...bodies: (object | string)[]): SqsEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `inbound-${i}`,
      receiptHandle: 'r',
      body:
        typeof body === 'string'
          ? body
          : JSON.stringify({
              Type: 'Notification',
              MessageId: `sns-${i}`,
              TopicArn: 'arn:aws:sns:us-east-1:123456789012:OutpostSmsTopic',
              Message: JSON.stringify(body),
              Timestamp: new Date().toISOString(),
              SignatureVersion: '2',
              Signature: 'x',
              SigningCertURL: 'https://sns.us-east-1.amazonaws.com/cert.pem',
              UnsubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
            }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:OutpostSmsInboundQueue',
      awsRegion: 'us-east-1',
    })),
  };
}

/** One reply as End User Messaging SMS publishes it (docs: "Example of a two-way SMS message payload"). */
function reply(from: string, body: string, n: number) {
  return {
    originationNumber: from,
    destinationNumber: ORIGINATION,
    messageKeyword: 'KEYWORD_123456789012',
    messageBody: body,
    inboundMessageId: `cae173d2-66b9-564c-8309-${String(n).padStart(12, '0')}`,
    previousPublishedMessageId: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };
}

async function askedTraveler(key: string, name: string): Promise<{ id: string; phone: string }> {
  const phone = nextPhone();
  const res = await call(h, 'POST', '/v1/travelers', { key, body: { name, email: uniqueAddress('traveler'), phone } });
  expect(res.status, res.text).toBe(201);
  const trip = await call(h, 'POST', '/v1/trips', { key, body: { travelerId: res.json.id, segments: [{ country: 'UG', from: day(-1), to: day(2) }] } });
  expect(trip.status, trip.text).toBe(201);
  return { id: res.json.id as string, phone };
}

describe('inbound SMS function (two-way SMS through SNS)', () => {
  it('records a SAFE reply from a known traveler\'s number against their newest check', async () => {
    const member = await addPerson(h, 'member');
    const traveler = await askedTraveler(member.key, 'Okello');
    const check = await call(h, 'POST', '/v1/safety-checks', { key: member.key, body: { countries: ['UG'], message: 'Flooding in Kampala.' } });
    expect(check.json.sent).toBe(1);

    const handler = createInboundSmsHandler({ ...h.deps, logger });
    expect(await handler(sqsEvent(reply(traveler.phone, 'Safe, thanks', 1)))).toEqual({ batchItemFailures: [] });

    const read = await call(h, 'GET', `/v1/safety-checks/${check.json.id}`, { key: member.key });
    expect(read.json.counts).toEqual({ safe: 1, needHelp: 0, noResponse: 0 });
    expect(read.json.travelers[0]).toMatchObject({ travelerId: traveler.id, status: 'safe', channel: 'sms' });
    // The same reply delivered twice (SNS and SQS deliver at least once) changes nothing.
    expect(await handler(sqsEvent(reply(traveler.phone, 'SAFE', 1)))).toEqual({ batchItemFailures: [] });
    expect((await call(h, 'GET', `/v1/safety-checks/${check.json.id}`, { key: member.key })).json.counts).toEqual({ safe: 1, needHelp: 0, noResponse: 0 });
  });

  it('drops an unknown number, a message that is not End User Messaging\'s and a body that is not JSON, without throwing or retrying', async () => {
    const member = await addPerson(h, 'member');
    const traveler = await askedTraveler(member.key, 'Nakato');
    const check = await call(h, 'POST', '/v1/safety-checks', { key: member.key, body: { countries: ['UG'], message: 'Road closures.' } });
    logs.length = 0;

    const unknown = nextPhone();
    const handler = createInboundSmsHandler({ ...h.deps, logger });
    const result = await handler(sqsEvent(reply(unknown, 'SAFE', 2), { originationNumber: traveler.phone, messageBody: 'SAFE' }, 'not json', JSON.stringify({ Type: 'Notification', MessageId: 'x', Message: '{"originationNumber":' })));
    expect(result).toEqual({ batchItemFailures: [] });

    expect((await call(h, 'GET', `/v1/safety-checks/${check.json.id}`, { key: member.key })).json.counts).toEqual({ safe: 0, needHelp: 0, noResponse: 1 });
    expect(logs.filter((l) => l.startsWith('inbound sms record is malformed'))).toHaveLength(3);
    expect(logs).toContainEqual(expect.stringMatching(/malformed.*destinationNumber:invalid_type/));
    expect(logs.find((l) => l.startsWith('inbound sms read'))).toContain('"answered":0');
    // Phone numbers and texts are personal data: never in a log line.
    const joined = logs.join('\n');
    for (const secret of [unknown, traveler.phone, ORIGINATION, 'SAFE']) expect(joined).not.toContain(secret);
  });
});
