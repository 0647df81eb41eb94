import { describe, expect, it } from 'vitest';
import { INBOUND_SMS_CONSUMER } from '../../infra/aws/constructs/inbound-sms';
import { resources, roleStatements, synthOutpost } from './stack';

/**
 * Two-way SMS: End User Messaging of this account (and no one else) may
 * publish replies to the encrypted inbound topic; its queue, with both
 * dead-letter queues alarmed, feeds the inbound-sms function; the command
 * that points the origination number at the topic is an output. A given
 * topic is subscribed instead of a new one.
 */
const NUMBER_ID = 'phone-0123456789abcdef0123456789abcdef';
const NUMBER = '+12065550142';
const { stack, template } = synthOutpost({ context: { smsOriginationNumberId: NUMBER_ID, smsOriginationNumber: NUMBER } });
const given = synthOutpost({ context: { smsInboundTopicArn: 'arn:aws:sns:us-east-1:123456789012:existing-two-way' } });
const fnId = (name: string, s = stack) => s.getLogicalId(s.functions[name]!.function.node.defaultChild as never);
const inboundTopicId = (t = template) => Object.keys(resources(t, 'AWS::SNS::Topic')).filter((id) => id.startsWith('SmsTopic'));

describe('two-way SMS', () => {
  it('creates an encrypted inbound topic that only End User Messaging SMS of this account may publish to', () => {
    const [topicId] = inboundTopicId();
    expect(topicId).toBeDefined();
    expect(resources(template, 'AWS::SNS::Topic')[topicId!]!.Properties.KmsMasterKeyId).toBeDefined();
    const policies = Object.values(resources(template, 'AWS::SNS::TopicPolicy')).filter((p) => JSON.stringify(p.Properties.Topics).includes(topicId!));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as { Sid?: string; Principal?: unknown; Condition?: unknown; Action: unknown }[]);
    const publish = statements.find((s) => s.Sid === 'EndUserMessagingTwoWay')!;
    expect(publish).toMatchObject({ Effect: 'Allow', Principal: { Service: 'sms-voice.amazonaws.com' }, Action: 'sns:Publish' });
    expect(publish.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': expect.anything() } });
  });

  it('lets End User Messaging SMS of this account encrypt with the messaging key', () => {
    const key = Object.values(resources(template, 'AWS::KMS::Key'))[0]!;
    const services = (key.Properties.KeyPolicy.Statement as { Sid?: string; Principal?: { Service?: string[] } }[]).find((s) => s.Sid === 'ServicesWritingEncryptedMessages')!;
    expect(services.Principal?.Service).toContain('sms-voice.amazonaws.com');
  });

  it('feeds the inbound-sms function from a queue subscribed to the topic, ten at a time, two workers, partial batch responses', () => {
    const mapping = Object.values(resources(template, 'AWS::Lambda::EventSourceMapping')).find((m) => m.Properties.FunctionName.Ref === fnId('InboundSms'))!.Properties;
    expect(mapping.EventSourceArn['Fn::GetAtt'][0]).toMatch(/^SmsInboundQueue/);
    expect(mapping).toMatchObject({ BatchSize: INBOUND_SMS_CONSUMER.batchSize, ScalingConfig: { MaximumConcurrency: INBOUND_SMS_CONSUMER.maxConcurrency }, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const subscription = Object.values(resources(template, 'AWS::SNS::Subscription')).find((s) => JSON.stringify(s.Properties.Endpoint).includes('SmsInboundQueue'))!;
    expect(subscription.Properties).toMatchObject({ Protocol: 'sqs', TopicArn: { Ref: inboundTopicId()[0] }, RedrivePolicy: expect.anything() });
    const queue = Object.entries(resources(template, 'AWS::SQS::Queue')).find(([id]) => id.startsWith('SmsInboundQueue'))![1];
    expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
  });

  it('alarms on both of its dead-letter queues', () => {
    const alarmed = Object.values(resources(template, 'AWS::CloudWatch::Alarm')).map((a) => JSON.stringify(a.Properties.Dimensions ?? []));
    for (const prefix of ['SmsInboundDeadLetters', 'SmsInboundSubscriptionDeadLetters']) expect(alarmed.some((d) => d.includes(prefix)), prefix).toBe(true);
  });

  it('allows the function the table and sending email (security contacts), and no SMS', () => {
    const actions = roleStatements(template, stack, 'InboundSms').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('ses:SendEmail');
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => a.startsWith('sns:'))).toEqual([]);
  });

  it('outputs the topic and the exact command that makes it the origination number\'s two-way channel', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.InboundSmsTopicArn!.Value).toEqual({ Ref: inboundTopicId()[0] });
    expect(JSON.stringify(outputs.InboundSmsTwoWayCommand!.Value)).toContain(`aws pinpoint-sms-voice-v2 update-phone-number --phone-number-id ${NUMBER_ID} --two-way-enabled --two-way-channel-arn `);
  });

  it('subscribes to a given topic instead of creating one', () => {
    expect(inboundTopicId(given.template)).toEqual([]);
    const subscription = Object.values(resources(given.template, 'AWS::SNS::Subscription')).find((s) => JSON.stringify(s.Properties.Endpoint).includes('SmsInboundQueue'))!;
    expect(subscription.Properties.TopicArn).toBe('arn:aws:sns:us-east-1:123456789012:existing-two-way');
  });

  it('sends every SMS from the two-way number, so that SAFE and HELP replies come back to the stack', () => {
    const env = (name: string, t = template, s = stack) => resources(t, 'AWS::Lambda::Function')[fnId(name, s)]!.Properties.Environment.Variables as Record<string, unknown>;
    const texting = Object.keys(stack.functions).filter((name) => roleStatements(template, stack, name).some((s) => s.Effect === 'Allow' && [s.Action].flat().includes('sns:Publish') && JSON.stringify(s.Resource) === '"*"'));
    expect(texting.sort()).toEqual(['DeliverSms', 'Scheduler', 'Web']);
    for (const name of Object.keys(stack.functions)) expect(env(name).SMS_ORIGINATION_NUMBER, name).toBe(texting.includes(name) ? NUMBER : undefined);
    for (const name of texting) expect(env(name, given.template, given.stack), name).not.toHaveProperty('SMS_ORIGINATION_NUMBER');
  });

  it('refuses an origination number or a topic that is not one, and a number id without the number', () => {
    expect(() => synthOutpost({ context: { smsOriginationNumberId: '+12065550142', smsOriginationNumber: NUMBER } })).toThrow(/smsOriginationNumberId must be an End User Messaging phone number id/);
    expect(() => synthOutpost({ context: { smsOriginationNumberId: NUMBER_ID, smsOriginationNumber: '206-555-0142' } })).toThrow(/smsOriginationNumber must be a phone number in E\.164 form/);
    expect(() => synthOutpost({ context: { smsOriginationNumberId: NUMBER_ID } })).toThrow(/smsOriginationNumberId and smsOriginationNumber go together/);
    expect(() => synthOutpost({ context: { smsOriginationNumber: NUMBER } })).toThrow(/smsOriginationNumberId and smsOriginationNumber go together/);
    expect(() => synthOutpost({ context: { smsInboundTopicArn: 'arn:aws:sns:us-east-1:123456789012:two-way.fifo' } })).toThrow(/smsInboundTopicArn must be a standard SNS topic ARN/);
  });
});
