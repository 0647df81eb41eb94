import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { TABLE } from '../../shared/adapters/dynamodb/table-definition';
import { functions, scheduleExpression, serviceOf, topology } from '../../shared/topology';
import { resources, synthOutpost } from './stack';

// One synthesis for the whole file: every test reads the same template.
const { stack, template } = synthOutpost({ context: { senderEmail: 'alerts@outpost.example', alarmEmail: 'ops@outpost.example' } });

const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const fnId = (name: string) => logicalId(stack.functions[name]!.function);
const policyOf = (name: string) => {
  const role = stack.functions[name]!.role;
  const policies = Object.entries(resources(template, 'AWS::IAM::Policy')).filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(stack.getLogicalId(role.node.defaultChild as never)));
  return policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Effect: string }[]);
};
const actionsOf = (name: string) => new Set(policyOf(name).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
const channelQueue = (channel: string) => {
  const [id, queue] = Object.entries(resources(template, 'AWS::SQS::Queue')).find(([id]) => id.startsWith(`${channel[0]!.toUpperCase()}${channel.slice(1)}ChannelQueue`))!;
  return { id, queue };
};

describe('data', () => {
  it('builds the table from the shared declaration: keys, indexes, stream, TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map((i) => Match.objectLike({ IndexName: i.name, KeySchema: [{ AttributeName: i.partitionKey, KeyType: 'HASH' }, { AttributeName: i.sortKey, KeyType: 'RANGE' }] })),
      StreamSpecification: { StreamViewType: TABLE.stream },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
    });
  });

  it('is on demand with point-in-time recovery, deletion protection and encryption, and retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });
});

describe('messaging', () => {
  it('encrypts the publications topic, enforces SSL and signs with SHA256 (version 2)', () => {
    const topics = Object.values(resources(template, 'AWS::SNS::Topic'));
    expect(topics.length).toBeGreaterThanOrEqual(3);
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: topology.topics.publications.description, SignatureVersion: '2', KmsMasterKeyId: Match.anyValue() });
    const policies = Object.values(resources(template, 'AWS::SNS::TopicPolicy'));
    expect(policies.length).toBe(topics.length);
    for (const p of policies) expect(JSON.stringify(p.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('encrypts every queue with the messaging key and enforces SSL on each', () => {
    const queues = resources(template, 'AWS::SQS::Queue');
    for (const queue of Object.values(queues)) expect(queue.Properties.KmsMasterKeyId).toBeDefined();
    const queuePolicies = Object.values(resources(template, 'AWS::SQS::QueuePolicy'));
    const secured = new Set(queuePolicies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"')).flatMap((p) => JSON.stringify(p.Properties.Queues).match(/[A-Za-z0-9]+(?=")/g) ?? []));
    for (const id of Object.keys(queues)) expect(secured, `queue ${id} enforces SSL`).toContain(id);
  });

  it('rotates the messaging key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  for (const [channel, spec] of Object.entries(topology.queues)) {
    it(`gives the ${channel} queue a dead-letter queue after ${spec.deadLetter.maxReceiveCount} receives`, () => {
      const { queue } = channelQueue(channel);
      expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'] }, maxReceiveCount: spec.deadLetter.maxReceiveCount });
    });

    it(`sets the ${channel} queue's visibility timeout to at least six times its consumer's timeout`, () => {
      const { queue } = channelQueue(channel);
      expect(queue.Properties.VisibilityTimeout).toBe(spec.visibilityTimeoutSeconds);
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * spec.consumer.handler.timeoutSeconds);
    });

    it(`subscribes the ${channel} queue with the topology's filter policy and its own redrive policy`, () => {
      const { id } = channelQueue(channel);
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sqs',
        Endpoint: { 'Fn::GetAtt': [id, 'Arn'] },
        FilterPolicyScope: 'MessageAttributes',
        FilterPolicy: spec.subscription.filterPolicy,
        RawMessageDelivery: spec.subscription.rawMessageDelivery,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SubscriptionDeadLetters'), 'Arn'] } },
      });
    });

    it(`drains the ${channel} queue with its handler, reporting partial batch failures`, () => {
      const { id } = channelQueue(channel);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [id, 'Arn'] },
        BatchSize: spec.consumer.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });
  }

  it('rejects a queue whose visibility timeout is under six times its consumer timeout', async () => {
    const { ChannelQueue } = await import('../../infra/aws/constructs/channel-queue');
    const { App, Stack } = await import('aws-cdk-lib');
    const s = new Stack(new App(), 'T');
    const spec = { ...topology.queues.email, visibilityTimeoutSeconds: 5 * topology.queues.email.consumer.handler.timeoutSeconds };
    expect(() => new ChannelQueue(s, 'Q', { channel: 'email', spec, topic: {} as never, key: {} as never, consumer: {} as never, maxConcurrency: 2, alarmAction: {} as never })).toThrow(/six times/);
  });

  it('routes SES bounces and complaints from the configuration set to the feedback topic and its handler', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ Enabled: true, MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']), SnsDestination: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'alerts@outpost.example', ConfigurationSetAttributes: Match.anyValue() });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('SesFeedback') },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailFeedbackQueue'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('stream consumers', () => {
  const stream = topology.streamConsumers.announce;
  it('announces from the table stream with bisect, retry limit, record age and an SQS on-failure destination', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fnId('Announce') },
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      StartingPosition: stream.startingPosition,
      BatchSize: stream.batchSize,
      BisectBatchOnFunctionError: stream.bisectBatchOnError,
      MaximumRetryAttempts: stream.retryAttempts,
      MaximumRecordAgeInSeconds: stream.maxRecordAgeSeconds,
      ParallelizationFactor: stream.parallelizationFactor,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^StreamFailures'), 'Arn'] } } },
    });
  });
});

describe('compute', () => {
  const lambdas = () => Object.entries(resources(template, 'AWS::Lambda::Function'));

  it('creates one function per handler, the three HTTP surfaces included', () => {
    expect(Object.keys(stack.functions).sort()).toEqual(['Announce', 'Api', 'DeliverEmail', 'DeliverSms', 'DeliverWebhook', 'InboundSms', 'IndexSearch', 'PublicRead', 'RotateOriginSecret', 'Scheduler', 'SesFeedback', 'Web']);
  });

  it('runs every function on the newest Node.js runtime CDK offers, on arm64', () => {
    const newest = ['nodejs24.x'];
    for (const [id, fn] of lambdas()) {
      expect(newest, id).toContain(fn.Properties.Runtime);
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
    }
  });

  it('traces every function with X-Ray and logs JSON to a log group with retention', () => {
    const groups = resources(template, 'AWS::Logs::LogGroup');
    for (const [id, fn] of lambdas()) {
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig, id).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } });
      expect(groups[fn.Properties.LoggingConfig.LogGroup.Ref]?.Properties.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it('sets memory and timeout explicitly from the topology', () => {
    for (const [name, spec] of Object.entries({ Api: functions.api, Announce: functions.announce, DeliverEmail: functions.deliverEmail, DeliverSms: functions.deliverSms, DeliverWebhook: functions.deliverWebhook, Scheduler: functions.scheduler, IndexSearch: functions.indexSearch, SesFeedback: functions.sesFeedback, InboundSms: functions.inboundSms })) {
      template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ Description: spec.description, MemorySize: spec.memoryMb, Timeout: spec.timeoutSeconds }));
      expect(stack.functions[name]).toBeDefined();
    }
  });

  it('names every function for Powertools (POWERTOOLS_SERVICE_NAME) by its topology entry, and runs its built index.mjs with source maps', () => {
    for (const [name, fn] of Object.entries(stack.functions)) {
      const properties = resources(template, 'AWS::Lambda::Function')[fnId(name)]!.Properties;
      expect(properties.Environment.Variables, name).toMatchObject({ POWERTOOLS_SERVICE_NAME: serviceOf(fn.spec), NODE_OPTIONS: '--enable-source-maps' });
      expect(properties.Handler, name).toBe('index.handler');
    }
  });

  it('gives every function the configuration its wiring parses, and the link key only by reference', () => {
    for (const [id, fn] of lambdas()) {
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      for (const name of ['TABLE_NAME', 'PUBLIC_BASE_URL', 'SENDER_EMAIL', 'SES_CONFIGURATION_SET', 'LINK_SIGNING_SECRET_ARN']) expect(env, `${id} ${name}`).toHaveProperty(name);
      expect(env, id).not.toHaveProperty('LINK_SIGNING_SECRET');
    }
    const env = (name: string) => resources(template, 'AWS::Lambda::Function')[fnId(name)]!.Properties.Environment.Variables;
    expect(env('Announce')).toHaveProperty('PUBLICATIONS_TOPIC_ARN');
    for (const worker of ['DeliverEmail', 'DeliverSms', 'DeliverWebhook']) expect(env(worker)).toHaveProperty('DELIVERY_QUEUE_URL');
  });
});

describe('least privilege', () => {
  const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

  it('lets the public read function read the table and nothing else', () => {
    const actions = actionsOf('PublicRead');
    expect(actions).toContain('dynamodb:Query');
    for (const a of writes) expect(actions).not.toContain(a);
    for (const a of actions) expect(a, a).toMatch(/^(dynamodb:(Get|Query|Scan|BatchGet|ConditionCheck|Describe)|logs:|xray:|secretsmanager:(GetSecretValue|DescribeSecret))/);
  });

  it('gives the JSON API function table writes and no messaging, and the web function table writes, SES sending and SMS', () => {
    const api = actionsOf('Api');
    for (const a of writes.filter((w) => w !== 'dynamodb:BatchWriteItem')) expect(api).toContain(a);
    for (const a of api) expect(a, a).toMatch(/^(dynamodb:|logs:|xray:|secretsmanager:GetSecretValue$)/);
    const web = actionsOf('Web');
    for (const a of [...writes.filter((w) => w !== 'dynamodb:BatchWriteItem'), 'ses:SendEmail', 'sns:Publish']) expect(web).toContain(a);
  });

  it('lets announce publish only to the publications topic', () => {
    const publish = policyOf('Announce').filter((s) => [s.Action].flat().includes('sns:Publish'));
    expect(publish).toHaveLength(1);
    expect(publish[0]!.Resource).toEqual({ Ref: stack.getLogicalId(stack.node.findChild('PublicationsTopic').node.defaultChild as never) });
  });

  it('gives each delivery worker its own channel and no other', () => {
    expect(actionsOf('DeliverEmail')).toContain('ses:SendBulkEmail');
    expect(actionsOf('DeliverEmail')).not.toContain('ses:SendEmail');
    expect(actionsOf('DeliverEmail')).not.toContain('sns:Publish');
    expect(actionsOf('DeliverSms')).toContain('sns:Publish');
    expect(actionsOf('DeliverSms')).not.toContain('ses:SendBulkEmail');
    expect(actionsOf('DeliverWebhook')).not.toContain('ses:SendBulkEmail');
    expect(actionsOf('DeliverWebhook')).not.toContain('sns:Publish');
    for (const channel of ['email', 'sms', 'webhook'] as const) {
      const name = { email: 'DeliverEmail', sms: 'DeliverSms', webhook: 'DeliverWebhook' }[channel];
      const send = policyOf(name).filter((s) => [s.Action].flat().includes('sqs:SendMessage'));
      expect(send.map((s) => s.Resource)).toEqual([{ 'Fn::GetAtt': [channelQueue(channel).id, 'Arn'] }]);
    }
  });

  it('lets the search indexer touch only the table (and its stream failures queue)', () => {
    for (const a of actionsOf('IndexSearch')) expect(a, a).toMatch(/^(dynamodb:|logs:|xray:|sqs:SendMessage$|kms:(Decrypt|GenerateDataKey)$)/);
  });

  it('lets the SES feedback handler touch only the table', () => {
    for (const a of actionsOf('SesFeedback')) expect(a, a).toMatch(/^(dynamodb:|logs:|xray:|sqs:(ReceiveMessage|ChangeMessageVisibility|GetQueueUrl|DeleteMessage|GetQueueAttributes)|kms:Decrypt)/);
  });

  it('uses no wildcard action anywhere, and Resource "*" only for SMS, X-Ray and stream listing', () => {
    const allowed = /^(sns:Publish|sns:ListPhoneNumbersOptedOut|sns:CheckIfPhoneNumberIsOptedOut|xray:PutTraceSegments|xray:PutTelemetryRecords|dynamodb:ListStreams)$/;
    for (const [id, policy] of Object.entries(resources(template, 'AWS::IAM::Policy'))) {
      for (const s of policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]) {
        const actions = [s.Action].flat();
        for (const a of actions) {
          if (a.includes('*')) expect(id, a).toMatch(/^(Announce|IndexSearch)Role/); // the SqsDlq grant of each stream consumer, acknowledged with its reason
        }
        if (s.Resource === '*') for (const a of actions) expect(a, `${id} ${a}`).toMatch(allowed);
      }
    }
  });
});

describe('API', () => {
  it('logs every request as JSON and throttles the default route', () => {
    const stage = Object.values(resources(template, 'AWS::ApiGatewayV2::Stage'))[0]!;
    expect(stage.Properties.StageName).toBe('$default');
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
  });

  it('routes every method and path of the topology to the function serving it, and the rest to the JSON API', () => {
    const integrations = resources(template, 'AWS::ApiGatewayV2::Integration');
    const target = (route: { Properties: Record<string, any> }) => {
      const integrationId = (route.Properties.Target['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? '' : (part as { Ref: string }).Ref)).join('');
      const uri = JSON.stringify(integrations[integrationId]!.Properties.IntegrationUri);
      return Object.keys(stack.functions).find((name) => uri.includes(`"${fnId(name)}"`));
    };
    const routes = new Map(Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey as string, target(r)]));
    const nameOf = (entry: string) => Object.entries(stack.functions).find(([, fn]) => fn.spec.entry === entry)![0];
    expect(routes.get('$default')).toBe(nameOf(topology.http.default.entry));
    for (const group of topology.http.routes) {
      for (const path of group.paths) for (const method of group.methods) expect(routes.get(`${method} ${path}`), `${method} ${path}`).toBe(nameOf(group.handler.entry));
    }
    expect(routes.size).toBe(1 + topology.http.routes.reduce((n, g) => n + g.paths.length * g.methods.length, 0));
  });
});

describe('schedules', () => {
  for (const schedule of topology.schedules) {
    it(`invokes the scheduler ${scheduleExpression(schedule.timing)} with {task: "${schedule.input.task}"}`, () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: scheduleExpression(schedule.timing),
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId('Scheduler'), 'Arn'] }, Input: JSON.stringify(schedule.input), DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
      });
    });
  }
});

describe('operations', () => {
  const alarms = () => Object.values(resources(template, 'AWS::CloudWatch::Alarm'));

  it('alarms on the depth of every dead-letter queue', () => {
    const deadLetterIds = new Set(
      Object.values(resources(template, 'AWS::SQS::Queue'))
        .map((q) => q.Properties.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0])
        .concat(Object.values(resources(template, 'AWS::SNS::Subscription')).map((s) => s.Properties.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0]))
        .concat(Object.keys(resources(template, 'AWS::SQS::Queue')).filter((id) => /^(StreamFailures|ScheduleFailures)/.test(id)))
        .filter(Boolean),
    );
    // Per channel queue and subscription, stream and schedule failures, SES feedback and its subscription, SMS replies and their subscription, undelivered alarm mail.
    expect(deadLetterIds.size).toBe(3 * 2 + 2 + 2 + 2 + 1);
    for (const id of deadLetterIds) {
      const alarm = alarms().find((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Properties.Dimensions).includes(id));
      expect(alarm, `alarm on ${id}`).toBeDefined();
      expect(alarm!.Properties.AlarmActions).toHaveLength(1);
    }
  });

  it('alarms on errors and throttles of every function', () => {
    for (const name of Object.keys(stack.functions)) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarms().some((a) => a.Properties.MetricName === metric && JSON.stringify(a.Properties.Dimensions).includes(fnId(name))), `${name} ${metric}`).toBe(true);
      }
    }
  });

  it('alarms on API 5xx rate and p99 latency, stream iterator age and SES bounce rate', () => {
    expect(alarms().some((a) => JSON.stringify(a.Properties.Metrics ?? []).includes('5xx'))).toBe(true);
    expect(alarms().some((a) => a.Properties.MetricName === 'Latency' && a.Properties.ExtendedStatistic === 'p99')).toBe(true);
    expect(alarms().some((a) => a.Properties.MetricName === 'IteratorAge' && JSON.stringify(a.Properties.Dimensions).includes(fnId('Announce')))).toBe(true);
    expect(alarms().some((a) => a.Properties.MetricName === 'Reputation.BounceRate' && a.Properties.Namespace === 'AWS/SES')).toBe(true);
  });

  it('sends alarms to the alarm topic, mailed to the alarm email, and draws a dashboard', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@outpost.example' });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('secrets', () => {
  it('generates the link-signing key in Secrets Manager and lets only the functions that sign links read it', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 64 }) });
    expect(actionsOf('Web')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('SesFeedback')).not.toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('Announce')).not.toContain('secretsmanager:GetSecretValue');
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the app (AWS Solutions and Serverless packs)', () => {
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      const report = pack.validateScope(stack.node.scope!);
      const findings = report.violations.map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(findings, pack.readPackName).toEqual([]);
    }
  });

  it('gives every acknowledgement a specific reason', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((m) => Object.entries(m.data as Record<string, string>)));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) expect(reason.length, id).toBeGreaterThan(40);
  });
});
