/**
 * Outpost's messaging topology, as plain data: the `publications` topic and
 * the message attributes the announcer sets, one SQS queue per delivery
 * channel (each with its dead-letter queue and the filter policy of its
 * subscription), the DynamoDB stream consumers (the announcer and the
 * search indexer), the scheduler's schedules, and which handler consumes
 * what.
 *
 * Both runtimes build from this one object so they cannot drift:
 * `infra/aws` turns it into the CDK stack (SNS topic, SQS queues and DLQs,
 * subscriptions with these filter policies, event source mappings,
 * EventBridge schedules), and `infra/local` turns it into the in-process bus
 * and the timers of `npm start`. It therefore imports nothing from AWS, and
 * at runtime only the queues' filter policies (queue-filters.ts): the
 * domain imports below are type-only.
 */
import type { Channel } from './domain/channel';
import type { Sharing } from './domain/sharing';
import { QUEUE_FILTER_POLICIES } from './queue-filters';
import type { DeadLetterSpec, FunctionSpec, ScheduleTiming, StreamConsumerSpec, Topology } from './topology-spec';

export type * from './topology-spec';

// ---------------------------------------------------------------------------
// The declaration
// ---------------------------------------------------------------------------

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/**
 * Every Lambda entry point that topology wires, keyed by name, so a stack
 * creates each function once however many triggers it has.
 */
export const functions = {
  api: {
    entry: 'functions/api/lambda.ts',
    timeoutSeconds: 15,
    memoryMb: 512,
    description: 'The JSON API for keys: the publishing workflow, keys, account, audit and delivery status.',
  },
  publicRead: {
    entry: 'functions/public-read/lambda.ts',
    timeoutSeconds: 15,
    memoryMb: 512,
    description: 'Public pages, feeds, CAP, the API reference and the JSON reads; reads the table and nothing else.',
  },
  web: {
    entry: 'functions/web/lambda.ts',
    timeoutSeconds: 15,
    memoryMb: 512,
    description: 'Subscriptions, personal data, sign-in, the console and the portal: sends messages and keeps sessions.',
  },
  announce: {
    entry: 'functions/announce/lambda.ts',
    timeoutSeconds: 30,
    memoryMb: 256,
    description: 'Reads the table stream and publishes one message per alert-worthy publication version.',
  },
  deliverEmail: {
    entry: 'functions/deliver-email/lambda.ts',
    timeoutSeconds: 30,
    memoryMb: 256,
    description: 'Matches email subscribers and sends through SES, recording each delivery.',
  },
  deliverSms: {
    entry: 'functions/deliver-sms/lambda.ts',
    timeoutSeconds: 30,
    memoryMb: 256,
    description: 'Matches SMS subscribers and sends through SNS SMS, recording each delivery.',
  },
  deliverWebhook: {
    entry: 'functions/deliver-webhook/lambda.ts',
    timeoutSeconds: 60,
    memoryMb: 256,
    description: 'Matches webhook subscriptions and POSTs signed JSON, recording each delivery.',
  },
  scheduler: {
    entry: 'functions/scheduler/lambda.ts',
    timeoutSeconds: 60,
    memoryMb: 256,
    description: 'Runs scheduled publishing, expiry, SMS opt-out reconciliation and safety-check reminders.',
  },
  /** AWS only: CloudFront has no local twin, so the local runtime never wires it. */
  rotateOriginSecret: {
    entry: 'functions/rotate-origin-secret/lambda.ts',
    timeoutSeconds: 60,
    memoryMb: 256,
    description: 'Rotates the secret CloudFront sends to the origin: a new value, CloudFront told to send it, then made current.',
  },
  indexSearch: {
    entry: 'functions/index-search/lambda.ts',
    timeoutSeconds: 300,
    memoryMb: 1024,
    description: 'Reads the table stream and keeps the search index current: the search log, and snapshots folded from it.',
  },
  /** AWS only: SES has no local twin, so the local runtime never wires it. */
  sesFeedback: {
    entry: 'functions/ses-feedback/lambda.ts',
    timeoutSeconds: 30,
    memoryMb: 256,
    description: 'Suspends the email subscriptions of addresses that hard-bounce or complain (SES events).',
  },
  /**
   * AWS only: two-way SMS from AWS End User Messaging (its SNS topic, then a
   * queue). Locally `POST /v1/inbound/sms` stands in and calls the same
   * service. A function of its own rather than an SQS trigger on `web`: a
   * queue event is not an HTTP request, and its role needs the table and
   * SES alone (no SMS, no link key, no origin secret).
   */
  inboundSms: {
    entry: 'functions/inbound-sms/lambda.ts',
    timeoutSeconds: 30,
    memoryMb: 256,
    description: 'Reads SMS replies (two-way SMS through SNS): SAFE or HELP from a traveler answers their newest safety check.',
  },
} as const satisfies Record<string, FunctionSpec>;

const SHARING_LEVELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER'] as const satisfies readonly Sharing[];

/** Dead letters are kept the SQS maximum, so operators can replay after a long weekend. */
const deadLetter = { maxReceiveCount: 5, retentionPeriodSeconds: 14 * DAY } as const satisfies DeadLetterSpec;

/** Every stream consumer: from the oldest record, no batching window, bisecting, five retries or a day, then the on-failure queue. */
const streamRetries = {
  startingPosition: 'TRIM_HORIZON',
  maxBatchingWindowSeconds: 0,
  bisectBatchOnError: true,
  retryAttempts: 5,
  maxRecordAgeSeconds: DAY,
  reportBatchItemFailures: true,
  parallelizationFactor: 1,
  onFailure: { retentionPeriodSeconds: 14 * DAY },
} as const satisfies Omit<StreamConsumerSpec, 'handler' | 'batchSize'>;

/** Outpost's topology; see the module comment. */
export const topology = {
  topics: {
    publications: {
      description: 'One message per published publication version; subscribers filter on its attributes.',
      messageAttributes: {
        kind: { dataType: 'String', description: 'The publication kind, e.g. `travel-advisory`.' },
        countries: { dataType: 'String.Array', description: 'ISO 3166-1 alpha-2 codes the item names.' },
        regions: { dataType: 'String.Array', description: 'Geographic bureaus derived from the countries.' },
        level: {
          dataType: 'Number',
          onlyFor: ['travel-advisory'],
          description: 'Advisory level 1–4; travel advisories only.',
        },
        sharing: { dataType: 'String', values: SHARING_LEVELS, description: 'TLP 2.0 sharing level.' },
        change: {
          dataType: 'String',
          values: ['major', 'minor'],
          description: 'Major changes alert subscribers; minor ones do not.',
        },
        correlationId: {
          dataType: 'String',
          optional: true,
          description: 'The correlation id of the request or run that published the version, for logs; no filter policy reads it.',
        },
      },
    },
  },
  queues: {
    email: {
      description: 'Email alerts.',
      visibilityTimeoutSeconds: 6 * functions.deliverEmail.timeoutSeconds,
      retentionPeriodSeconds: 4 * DAY,
      deadLetter,
      subscription: {
        topic: 'publications',
        filterPolicyScope: 'MessageAttributes',
        filterPolicy: QUEUE_FILTER_POLICIES.email,
        rawMessageDelivery: false,
      },
      // No batching window on any channel: an urgent alert must not wait for one, and a fan-out's parts arrive together (SendMessageBatch), so batches fill anyway.
      consumer: { handler: functions.deliverEmail, batchSize: 10, maxBatchingWindowSeconds: 0, reportBatchItemFailures: true, maxConcurrency: 8 },
    },
    sms: {
      description: 'SMS alerts: travel advisories and security alerts only.',
      visibilityTimeoutSeconds: 6 * functions.deliverSms.timeoutSeconds,
      retentionPeriodSeconds: 4 * DAY,
      deadLetter,
      subscription: {
        topic: 'publications',
        filterPolicyScope: 'MessageAttributes',
        filterPolicy: QUEUE_FILTER_POLICIES.sms,
        rawMessageDelivery: false,
      },
      consumer: { handler: functions.deliverSms, batchSize: 10, maxBatchingWindowSeconds: 0, reportBatchItemFailures: true, maxConcurrency: 4 },
    },
    webhook: {
      description: 'Webhook deliveries to member systems.',
      visibilityTimeoutSeconds: 6 * functions.deliverWebhook.timeoutSeconds,
      retentionPeriodSeconds: 4 * DAY,
      deadLetter,
      subscription: {
        topic: 'publications',
        filterPolicyScope: 'MessageAttributes',
        filterPolicy: QUEUE_FILTER_POLICIES.webhook,
        rawMessageDelivery: false,
      },
      consumer: { handler: functions.deliverWebhook, batchSize: 5, maxBatchingWindowSeconds: 0, reportBatchItemFailures: true, maxConcurrency: 8 },
    },
  },
  streamConsumers: {
    announce: {
      ...streamRetries,
      handler: functions.announce,
      publishesTo: 'publications',
      batchSize: 10,
      // Only a new `version` item is a published version (versions are written
      // once, never modified): sessions, rate counters, chunk records and TTL
      // deletions never invoke the announcer.
      filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['version'] } } } }],
    },
    indexSearch: {
      ...streamRetries,
      handler: functions.indexSearch,
      batchSize: 100,
      // Publication heads (`PUB#<id>` / `HEAD`, see entities.ts) that have a published version: drafts never reach search.
      filters: [
        {
          dynamodb: {
            Keys: { pk: { S: [{ prefix: 'PUB#' }] }, sk: { S: ['HEAD'] } },
            NewImage: { data: { M: { state: { S: ['published', 'archived', 'expired'] } } } },
          },
        },
      ],
    },
  },
  schedules: [
    {
      name: 'publish-scheduled',
      description: 'Publishes approved versions whose scheduled time has come.',
      timing: { type: 'rate', minutes: 1 },
      handler: functions.scheduler,
      input: { task: 'publish-scheduled' },
    },
    {
      name: 'expire-publications',
      description: 'Expires publications whose end time has passed.',
      timing: { type: 'rate', minutes: 1 },
      handler: functions.scheduler,
      input: { task: 'expire-publications' },
    },
    {
      name: 'reconcile-sms-opt-outs',
      description: 'Pauses SMS subscriptions whose numbers opted out at the carrier.',
      timing: { type: 'daily', hourUtc: 3, minuteUtc: 0 },
      handler: functions.scheduler,
      input: { task: 'reconcile-sms-opt-outs' },
    },
    {
      name: 'send-digests',
      description: 'Queues the daily and weekly digests of the time zones whose local 08:00 has come.',
      timing: { type: 'rate', minutes: 15 },
      handler: functions.scheduler,
      input: { task: 'send-digests' },
    },
    {
      name: 'release-held',
      description: 'Queues the messages held for quiet hours that have ended.',
      timing: { type: 'rate', minutes: 1 },
      handler: functions.scheduler,
      input: { task: 'release-held' },
    },
    {
      name: 'remind-safety-checks',
      description: 'Sends the safety-check messages the API left, and reminders to travelers who have not answered.',
      timing: { type: 'rate', minutes: 1 },
      handler: functions.scheduler,
      input: { task: 'remind-safety-checks' },
    },
  ],
  http: {
    default: functions.api,
    routes: [
      { handler: functions.api, methods: ['ANY'], paths: ['/v1/{proxy+}'] },
      {
        handler: functions.publicRead,
        methods: ['GET', 'HEAD'],
        paths: [
          '/',
          '/{proxy+}',
          '/v1/health',
          '/v1/countries',
          '/v1/countries/{cc}',
          '/v1/publications',
          '/v1/publications/{id}',
          '/v1/publications/{id}/versions',
          '/v1/publications/{id}/versions/{n}/diff',
          '/v1/search',
        ],
      },
      {
        handler: functions.web,
        methods: ['ANY'],
        paths: [
          '/sign-in',
          '/sign-in/{proxy+}',
          '/sign-out',
          '/subscribe',
          '/subscribe/{proxy+}',
          '/u/{code}',
          '/console',
          '/console/{proxy+}',
          '/portal',
          '/portal/{proxy+}',
          '/v1/subscriptions',
          '/v1/subscriptions/{proxy+}',
          '/v1/personal-data/{proxy+}',
          '/personal-data',
          '/personal-data/{proxy+}',
          '/v1/sites',
          '/v1/sites/{proxy+}',
          '/v1/travelers',
          '/v1/travelers/{proxy+}',
          '/v1/trips',
          '/v1/trips/{proxy+}',
          '/v1/publications/{id}/exposure',
          '/v1/publications/{id}/submit',
          '/v1/publications/{id}/approve',
          '/v1/publications/{id}/return',
          '/v1/organizations/me',
          '/v1/safety-checks',
          '/v1/safety-checks/{proxy+}',
          '/v1/inbound/sms',
          '/r/{token}',
          '/t/{code}',
        ],
      },
    ],
  },
} as const satisfies Topology;

/** The queues of the declared topology: one per channel (`email`, `sms`, `webhook`), so a `Record<QueueName, …>` needs every channel. */
export type QueueName = Channel;
/** The topics of the declared topology: `publications`. */
export type TopicName = keyof typeof topology.topics;
/** The attributes the announcer sets on `publications` messages. */
export type PublicationAttributeName = keyof typeof topology.topics.publications.messageAttributes;

// ---------------------------------------------------------------------------
// Schedule helpers (pure, shared by the CDK stack and the local timers)
// ---------------------------------------------------------------------------

/**
 * The EventBridge expression for a timing, so the stack and the docs print
 * the same thing: `rate(1 minute)`, `cron(0 3 * * ? *)`.
 */
export function scheduleExpression(timing: ScheduleTiming): string {
  if (timing.type === 'rate') return `rate(${timing.minutes} ${timing.minutes === 1 ? 'minute' : 'minutes'})`;
  return `cron(${timing.minuteUtc} ${timing.hourUtc} * * ? *)`;
}

/**
 * The first firing strictly after `afterMs` (epoch milliseconds), for local
 * timers. Rates fire on whole multiples of their period since the epoch, as
 * EventBridge rates fire on the minute.
 */
export function nextRun(timing: ScheduleTiming, afterMs: number): number {
  if (timing.type === 'rate') {
    const period = timing.minutes * MINUTE * 1000;
    return (Math.floor(afterMs / period) + 1) * period;
  }
  const day = DAY * 1000;
  const offset = (timing.hourUtc * 60 + timing.minuteUtc) * MINUTE * 1000;
  const today = Math.floor(afterMs / day) * day + offset;
  return today > afterMs ? today : today + day;
}

/**
 * The name a function logs and publishes metrics under (Powertools'
 * `service`, a metric dimension the dashboard and alarms name too):
 * `outpost-` and its entry's folder, e.g. `outpost-deliver-email`.
 */
export function serviceOf(spec: FunctionSpec): string {
  return `outpost-${spec.entry.split('/').at(-2) ?? 'unknown'}`;
}
