import { CfnOutput, Duration, Lazy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { functions, scheduleExpression, topology, type FunctionSpec, type QueueName } from '../../shared/topology';
import { ChannelQueue } from './constructs/channel-queue';
import { Data } from './constructs/data';
import { DeadLetterQueue } from './constructs/dead-letter-queue';
import { Edge } from './constructs/edge';
import { Email } from './constructs/email-feedback';
import { HandlerFunction } from './constructs/handler-function';
import { HttpApi } from './constructs/http-api';
import { Operations } from './constructs/operations';
import type { OutpostContext } from './context';

export interface OutpostStackProps extends StackProps {
  readonly settings: OutpostContext;
}

/** Every SMS-related action AWS offers only on `Resource: *` (phone numbers are not resources). */
const SMS_WILDCARD_REASON =
  'sns:Publish to a phone number has no resource ARN, so AWS requires Resource "*" for SMS (the topic grant is separate and scoped); the function\'s reserved concurrency bounds the cost.';

/**
 * Outpost in one stack, built from shared/topology.ts: data (the table),
 * messaging (the encrypted topic, a queue per channel, SES feedback), compute
 * (one function per handler), the HTTP API, the CloudFront edge, schedules,
 * and operations (alarms, dashboard). One stack keeps cross-resource
 * references plain and a rollback atomic (docs/decisions/0007).
 */
export class OutpostStack extends Stack {
  readonly functions: Record<string, HandlerFunction> = {};

  constructor(scope: Construct, id: string, props: OutpostStackProps) {
    super(scope, id, props);
    const settings = props.settings;
    const logRetention = settings.logRetentionDays as logs.RetentionDays;

    // ----- keys and secrets -------------------------------------------------
    const key = new kms.Key(this, 'MessagingKey', {
      description: 'Outpost: encrypts the topics and queues (publications, SES feedback, alarms, dead letters).',
      enableKeyRotation: true,
    });
    // The services that write into those topics and queues need the key too.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ServicesWritingEncryptedMessages',
        principals: ['sns.amazonaws.com', 'ses.amazonaws.com', 'cloudwatch.amazonaws.com', 'events.amazonaws.com'].map((s) => new iam.ServicePrincipal(s)),
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const linkSecret = new secretsmanager.Secret(this, 'LinkSigningSecret', {
      description: 'Outpost: HMAC key for confirmation, sign-in and unsubscribe links.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the link key invalidates every outstanding confirmation and unsubscribe link, so it is rotated by an operator on a schedule (docs/operations.md#rotating-secrets), not automatically.',
    });

    // ----- data, operations, messaging --------------------------------------
    const { table } = new Data(this, 'Data');
    const ops = new Operations(this, 'Operations', { key, ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}) });
    const publications = new sns.Topic(this, 'PublicationsTopic', {
      displayName: topology.topics.publications.description,
      masterKey: key,
      enforceSSL: true,
      signatureVersion: '2',
    });
    const email = new Email(this, 'Email', {
      key,
      senderEmail: settings.senderEmail,
      ...(settings.senderDomain ? { senderDomain: settings.senderDomain } : {}),
      alarmAction: ops.alarmAction,
    });

    // ----- compute ----------------------------------------------------------
    // PUBLIC_BASE_URL comes from the edge, which needs the API, which needs
    // the functions: with a custom domain it is a constant, otherwise the
    // distribution's domain is read lazily (no cycle: the origin refers to
    // the API resource, not to the functions).
    const baseUrlHolder: { url?: string } = {};
    const common = (): Record<string, string> => ({
      TABLE_NAME: table.tableName,
      PUBLIC_BASE_URL: lazyBaseUrl(baseUrlHolder),
      SENDER_EMAIL: settings.senderEmail,
      SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
      LINK_SIGNING_SECRET_ARN: linkSecret.secretArn,
    });
    const make = (name: string, spec: FunctionSpec, extra: Partial<{ env: Record<string, string>; reserved: number; wildcards: string[]; description: string }> = {}) => {
      const fn = new HandlerFunction(this, name, {
        spec,
        environment: { ...common(), ...extra.env },
        logRetention,
        ...(extra.reserved !== undefined ? { reservedConcurrency: extra.reserved } : {}),
        ...(extra.wildcards ? { otherWildcardResources: extra.wildcards } : {}),
        ...(extra.description ? { description: extra.description } : {}),
      });
      this.functions[name] = fn;
      ops.watchFunction(name, fn.function);
      return fn;
    };
    const sendEmail = (fn: HandlerFunction) => {
      fn.function.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'SendEmailAsOutpost',
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [email.identity.emailIdentityArn, this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: email.configurationSet.configurationSetName })],
        }),
      );
    };
    // CDK's grantPublish / grantSendMessages add kms:GenerateDataKey* and
    // kms:ReEncrypt*; sending to an encrypted topic or queue needs only these two.
    const allowSend = (fn: HandlerFunction, sid: string, actions: string[], resource: string) => {
      fn.function.addToRolePolicy(new iam.PolicyStatement({ sid, actions, resources: [resource] }));
      fn.function.addToRolePolicy(new iam.PolicyStatement({ sid: `${sid}Encrypted`, actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
    };
    const sendSms = (fn: HandlerFunction, extraActions: string[] = []) => {
      const policy = new iam.Policy(fn, 'SmsPolicy', {
        statements: [new iam.PolicyStatement({ sid: 'SmsToPhoneNumbers', actions: ['sns:Publish', ...extraActions], resources: ['*'] })],
      });
      fn.role.attachInlinePolicy(policy);
      Validations.of(policy).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: SMS_WILDCARD_REASON });
    };

    const api = make('Api', functions.api, { env: { MAX_BODY_BYTES: String(262_144) } });
    table.grantReadWriteData(api.function);
    linkSecret.grantRead(api.function);
    sendEmail(api);
    sendSms(api);

    const publicRead = make('PublicRead', functions.api, {
      env: { MAX_BODY_BYTES: String(262_144) },
      description: 'The Hono app for public GET routes only; its role can read the table and nothing else.',
    });
    table.grantReadData(publicRead.function);
    linkSecret.grantRead(publicRead.function);

    const stream = topology.streamConsumer;
    const announce = make('Announce', stream.handler, {
      env: { PUBLICATIONS_TOPIC_ARN: publications.topicArn },
      wildcards: ['dynamodb:ListStreams (stream event source) supports no resource-level permissions'],
    });
    table.grantReadWriteData(announce.function);
    allowSend(announce, 'PublishPublications', ['sns:Publish'], publications.topicArn);
    const streamFailures = new DeadLetterQueue(this, 'StreamFailures', {
      key,
      retentionSeconds: stream.onFailure.retentionPeriodSeconds,
      alarmAction: ops.alarmAction,
      alarmDescription: 'Stream records exhausted their retries: some publications may not have been announced. See docs/operations.md#replaying-dead-letters.',
    });
    Validations.of(streamFailures.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the stream event source on-failure destination, itself the last stop for failed records.' });
    announce.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition[stream.startingPosition],
        batchSize: stream.batchSize,
        ...(stream.maxBatchingWindowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(stream.maxBatchingWindowSeconds) } : {}),
        bisectBatchOnError: stream.bisectBatchOnError,
        retryAttempts: stream.retryAttempts,
        maxRecordAge: Duration.seconds(stream.maxRecordAgeSeconds),
        reportBatchItemFailures: stream.reportBatchItemFailures,
        parallelizationFactor: stream.parallelizationFactor,
        onFailure: new SqsDlq(streamFailures.queue),
      }),
    );
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      announce.acknowledge(
        `AwsSolutions-IAM5[Action::${action}]`,
        'Added by the stream on-failure destination (SqsDlq grants send to the encrypted StreamFailures queue); the resource is the one messaging key.',
      );
    }

    const consumers: Record<QueueName, HandlerFunction> = {
      email: make('DeliverEmail', topology.queues.email.consumer.handler),
      sms: make('DeliverSms', topology.queues.sms.consumer.handler, { reserved: settings.smsConcurrency }),
      webhook: make('DeliverWebhook', topology.queues.webhook.consumer.handler),
    };
    sendEmail(consumers.email);
    sendSms(consumers.sms);
    for (const fn of Object.values(consumers)) table.grantReadWriteData(fn.function);
    linkSecret.grantRead(consumers.email.function);
    linkSecret.grantRead(consumers.sms.function);
    linkSecret.grantRead(consumers.webhook.function);
    const channels = {} as Record<QueueName, ChannelQueue>;
    for (const [channel, spec] of Object.entries(topology.queues) as [QueueName, (typeof topology.queues)[QueueName]][]) {
      channels[channel] = new ChannelQueue(this, `${capitalize(channel)}Channel`, {
        channel,
        spec,
        topic: publications,
        key,
        consumer: consumers[channel].function,
        alarmAction: ops.alarmAction,
      });
      // Large fan-outs continue on the worker's own queue.
      consumers[channel].function.addEnvironment('DELIVERY_QUEUE_URL', channels[channel].queue.queueUrl);
      allowSend(consumers[channel], 'ContinueFanOut', ['sqs:SendMessage', 'sqs:GetQueueAttributes'], channels[channel].queue.queueArn);
    }

    const scheduler = make('Scheduler', functions.scheduler);
    table.grantReadWriteData(scheduler.function);
    linkSecret.grantRead(scheduler.function);
    sendSms(scheduler, ['sns:ListPhoneNumbersOptedOut', 'sns:CheckIfPhoneNumberIsOptedOut']);
    const scheduleFailures = new DeadLetterQueue(this, 'ScheduleFailures', {
      key,
      retentionSeconds: 14 * 24 * 60 * 60,
      alarmAction: ops.alarmAction,
      alarmDescription: 'EventBridge could not invoke the scheduler; a scheduled run was skipped.',
    });
    Validations.of(scheduleFailures.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the schedule rules’ targets.' });
    for (const schedule of topology.schedules) {
      new events.Rule(this, `Schedule-${schedule.name}`, {
        description: schedule.description,
        schedule: events.Schedule.expression(scheduleExpression(schedule.timing)),
        targets: [
          new targets.LambdaFunction(scheduler.function, {
            event: events.RuleTargetInput.fromObject(schedule.input),
            deadLetterQueue: scheduleFailures.queue,
            retryAttempts: 2,
            maxEventAge: Duration.minutes(15),
          }),
        ],
      });
    }

    const sesFeedback = make('SesFeedback', functions.sesFeedback);
    table.grantReadWriteData(sesFeedback.function);
    email.consumeWith(sesFeedback.function, functions.sesFeedback.timeoutSeconds);

    // Async-invocation dead-letter queues: only EventBridge invokes asynchronously here.
    const noAsyncInvocations = 'Invoked synchronously (API Gateway) or by an event source mapping, never asynchronously, so an async dead-letter queue would receive nothing; failures surface through the mapping\'s own dead letters and the errors alarm.';
    for (const fn of [api, publicRead, announce, ...Object.values(consumers), sesFeedback]) fn.acknowledgeOnFunction('Serverless-LambdaDLQ', noAsyncInvocations);
    scheduler.acknowledgeOnFunction(
      'Serverless-LambdaDLQ',
      'EventBridge targets carry their own dead-letter queue (ScheduleFailures, alarmed); a failed run is an errors alarm and the next tick (every minute, each task idempotent) redoes its work.',
    );

    // Table grants include the indexes, whose ARNs end in /index/*.
    const tableArn = `<${this.getLogicalId(table.node.defaultChild as CfnElementLike)}.Arn>`;
    for (const fn of Object.values(this.functions)) {
      fn.acknowledge(`AwsSolutions-IAM5[Resource::${tableArn}/index/*]`, 'Queries use the table’s global secondary indexes (gsi1–gsi3); the grant names this one table’s indexes only.');
    }

    // ----- API and edge ------------------------------------------------------
    const httpApi = new HttpApi(this, 'Http', {
      apiFunction: api.function,
      readFunction: publicRead.function,
      logRetention,
      rateLimit: settings.apiRateLimit,
      burstLimit: settings.apiBurstLimit,
    });
    const edge = new Edge(this, 'Edge', {
      api: httpApi.api,
      ...(settings.domainName ? { domainName: settings.domainName } : {}),
      ...(settings.certificateArn ? { certificateArn: settings.certificateArn } : {}),
      ...(settings.webAclArn ? { webAclArn: settings.webAclArn } : {}),
    });
    baseUrlHolder.url = edge.baseUrl;

    // ----- alarms beyond functions and dead letters --------------------------
    const period = Duration.minutes(5);
    const requests = httpApi.api.metricCount({ period, statistic: 'Sum' });
    const serverErrors = httpApi.metricServerErrors(period);
    ops.watch(
      new cloudwatch.Alarm(this, 'Api5xxRate', {
        alarmDescription: 'More than 1% of API requests answered 5xx for 15 minutes.',
        metric: new cloudwatch.MathExpression({ expression: 'IF(requests > 0, 100 * errors / requests, 0)', usingMetrics: { requests, errors: serverErrors }, period, label: '5xx %' }),
        threshold: 1,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    const p99 = httpApi.api.metricLatency({ period, statistic: 'p99' });
    ops.watch(
      new cloudwatch.Alarm(this, 'ApiLatencyP99', {
        alarmDescription: 'API p99 latency above 2 s for 15 minutes.',
        metric: p99,
        threshold: 2000,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    const iteratorAge = announce.function.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' });
    ops.watch(
      new cloudwatch.Alarm(this, 'StreamIteratorAge', {
        alarmDescription: 'Announcements lag the table stream by more than 5 minutes.',
        metric: iteratorAge,
        threshold: 5 * 60 * 1000,
        evaluationPeriods: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    const bounceRate = email.metricBounceRate();
    ops.watch(
      new cloudwatch.Alarm(this, 'SesBounceRate', {
        alarmDescription: 'SES bounce rate above 4% (SES reviews accounts at 5% and may pause sending at 10%).',
        metric: bounceRate,
        threshold: 0.04,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    const deadLetterQueues = [
      ...Object.values(channels).flatMap((c) => [c.deadLetters, c.subscriptionDeadLetters]),
      streamFailures,
      scheduleFailures,
      email.feedbackDeadLetters,
      email.subscriptionDeadLetters,
    ];
    ops.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API requests and 5xx', left: [requests, serverErrors], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'API latency p99 (ms)', left: [p99], width: 8 }),
      new cloudwatch.GraphWidget({ title: 'Stream iterator age (ms)', left: [iteratorAge], width: 8 }),
      new cloudwatch.GraphWidget({
        title: 'Channel queues: messages visible',
        left: Object.entries(channels).map(([name, c]) => c.queue.metricApproximateNumberOfMessagesVisible({ label: name, period })),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead letters',
        left: deadLetterQueues.map((d) => d.queue.metricApproximateNumberOfMessagesVisible({ label: deadLetterLabel(d), period })),
        width: 12,
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...ops.alarms, ...deadLetterQueues.map((d) => d.alarm)], width: 24 }),
      new cloudwatch.GraphWidget({ title: 'SES bounce rate', left: [bounceRate], width: 12 }),
    );

    // ----- outputs ------------------------------------------------------------
    new CfnOutput(this, 'PublicUrl', { value: edge.baseUrl, description: 'The public URL (CloudFront).' });
    new CfnOutput(this, 'ApiEndpoint', { value: httpApi.api.apiEndpoint, description: 'The HTTP API, uncached (operators only).' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: ops.alarmTopic.topicArn });
    new CfnOutput(this, 'LinkSigningSecretArn', { value: linkSecret.secretArn });
    for (const [name, c] of Object.entries(channels)) {
      new CfnOutput(this, `${capitalize(name)}QueueUrl`, { value: c.queue.queueUrl });
      new CfnOutput(this, `${capitalize(name)}DeadLetterQueueUrl`, { value: c.deadLetters.queue.queueUrl });
    }
    new CfnOutput(this, 'StreamFailuresQueueUrl', { value: streamFailures.queue.queueUrl });
  }
}

type CfnElementLike = Parameters<Stack['getLogicalId']>[0];

function deadLetterLabel(d: DeadLetterQueue): string {
  const parent = d.node.scope?.node.id;
  return parent && parent !== Stack.of(d).node.id ? `${parent}/${d.node.id}` : d.node.id;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A string token resolved at synth time, after the edge has set the URL. */
function lazyBaseUrl(holder: { url?: string }): string {
  return Lazy.string({
    produce: () => {
      if (!holder.url) throw new Error('PUBLIC_BASE_URL was read before the edge was built.');
      return holder.url;
    },
  });
}
