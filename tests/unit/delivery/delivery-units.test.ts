import { createHmac } from 'node:crypto';
import { SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { sesEmailSender } from '../../../shared/adapters/ses/ses-email-sender';
import { snsSmsSender } from '../../../shared/adapters/sns/sns-sms-sender';
import { httpWebhookSender } from '../../../shared/adapters/webhook/http-webhook-sender';
import { RecipientRejectedError } from '../../../shared/errors';
import { backoffMs, isRetryable, retryAfterMs } from '../../../shared/services/deliver-webhook';
import { signWebhook } from '../../../shared/services/render-webhook';
import { smsSegments } from '../../../shared/services/render-sms';

const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2, sleep: async () => {} };

describe('SES and SNS adapters', () => {
  it('retries SES throttling and sends the same SendEmail command', async () => {
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'slow down', $metadata: {} }))
      .resolves({ MessageId: 'm-1' });
    const sender = sesEmailSender(new SESv2Client({}), 'alerts@outpost.example', 'cfg', fast);
    const res = await sender.sendEmail({ to: 'a@example.org', subject: 'S', text: 'T', html: '<p>T</p>', headers: { 'List-Unsubscribe': '<https://x>' } });
    expect(res.messageId).toBe('m-1');
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input).toEqual({
      FromEmailAddress: 'alerts@outpost.example',
      Destination: { ToAddresses: ['a@example.org'] },
      ConfigurationSetName: 'cfg',
      Content: {
        Simple: {
          Subject: { Data: 'S', Charset: 'UTF-8' },
          Body: { Text: { Data: 'T', Charset: 'UTF-8' }, Html: { Data: '<p>T</p>', Charset: 'UTF-8' } },
          Headers: [{ Name: 'List-Unsubscribe', Value: '<https://x>' }],
        },
      },
    });
    ses.restore();
  });

  it('retries SNS throttling, checks opt-out first, and refuses an opted-out number without publishing', async () => {
    const sns = mockClient(SNSClient);
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    sns.on(PublishCommand).rejectsOnce(new ThrottledException({ message: 'throttled', $metadata: {} })).resolves({ MessageId: 'sms-1' });
    const sender = snsSmsSender(new SNSClient({}), { retry: fast });
    expect((await sender.sendSms({ to: '+12025550100', text: 'hi' })).messageId).toBe('sms-1');
    expect(sns.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)[0]!.args[0].input).toEqual({ phoneNumber: '+12025550100' });
    const publishes = sns.commandCalls(PublishCommand);
    expect(publishes).toHaveLength(2);
    expect(publishes[1]!.args[0].input).toEqual({
      PhoneNumber: '+12025550100',
      Message: 'hi',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
    sns.reset();
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });
    await expect(sender.sendSms({ to: '+12025550101', text: 'hi' })).rejects.toBeInstanceOf(RecipientRejectedError);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
    sns.restore();
  });

  it('sends SMS from the two-way origination number when it is given, so replies reach the inbound topic', async () => {
    const sns = mockClient(SNSClient);
    sns.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: false });
    sns.on(PublishCommand).resolves({ MessageId: 'sms-2' });
    await snsSmsSender(new SNSClient({}), { originationNumber: '+12065550142', retry: fast }).sendSms({ to: '+12025550100', text: 'Reply SAFE or HELP' });
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+12065550142' },
    });
    sns.restore();
  });
});

describe('webhook rules', () => {
  it('signs t.<body> with HMAC-SHA256', () => {
    const expected = createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex');
    expect(signWebhook('secret', '{"a":1}', 1700000000)).toBe(`t=1700000000,v1=${expected}`);
    expect(signWebhook('secret', '{"a":1}', 1700000000)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it('retries 5xx, 408, 429 and network errors only', () => {
    expect([500, 503, 408, 429].every((status) => isRetryable({ kind: 'response', status }))).toBe(true);
    expect([400, 401, 404, 410, 301].some((status) => isRetryable({ kind: 'response', status }))).toBe(false);
    expect(isRetryable({ kind: 'network-error', reason: 'ECONNRESET' })).toBe(true);
    expect(isRetryable({ kind: 'refused', reason: 'private' })).toBe(false);
  });

  it('backs off with full jitter under the cap, and reads Retry-After', () => {
    const policy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 8000, timeoutMs: 1000 };
    expect(backoffMs(1, policy, () => 0.999)).toBeLessThan(500);
    expect(backoffMs(10, policy, () => 0.999)).toBeLessThan(8000);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 0)).toBe(10_000);
  });

  it('refuses private, link-local and metadata addresses, also when a name resolves to them', async () => {
    const sender = httpWebhookSender({ allowLoopback: false, resolve: async () => [{ address: '169.254.169.254', family: 4 }] });
    const post = (url: string) => sender.post({ url, body: '{}', headers: {}, timeoutMs: 1000 });
    expect((await post('https://169.254.169.254/latest')).kind).toBe('refused');
    expect((await post('https://10.0.0.1/')).kind).toBe('refused');
    expect((await post('https://[::1]/')).kind).toBe('refused');
    expect((await post('http://127.0.0.1:9/')).kind).toBe('refused');
    expect(await post('https://rebind.example.com/hook')).toEqual({ kind: 'refused', reason: expect.stringContaining('private') });
  });
});

describe('SMS segments', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('é'.repeat(10)).encoding).toBe('GSM-7');
    expect(smsSegments('Ş'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments('Ş'.repeat(71)).segments).toBe(2);
  });
});
