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
 * and the timers of `npm start`. It therefore imports nothing from AWS and
 * nothing at runtime at all: the domain imports below are type-only.
 */
import type { Channel } from './domain/channel';
import type { Kind } from './domain/publication-kind';
import type { Sharing } from './domain/sharing';
import type { StreamFilterPattern } from './stream-filter';

// ---------------------------------------------------------------------------
// Filter policies (Amazon SNS subscription filter policy, MessageAttributes scope)
// ---------------------------------------------------------------------------

/** A literal that matches an attribute value exactly (strings case-sensitively). */
export type FilterLiteral = string | number | boolean | null;

/** A numeric comparison: one bound, or a lower and an upper bound. */
export type NumericExpression =
  | readonly ['=' | '<' | '<=' | '>' | '>=', number]
  | readonly ['>' | '>=', number, '<' | '<=', number];

/** One acceptable value for an attribute; an attribute matches when any of its conditions does. */
export type FilterCondition =
  | FilterLiteral
  | { readonly prefix: string }
  | { readonly suffix: string }
  | { readonly 'equals-ignore-case': string }
  | { readonly numeric: NumericExpression }
  | { readonly exists: boolean }
  | { readonly cidr: string }
  | { readonly 'anything-but': string | number | readonly (string | number)[] | { readonly prefix: string } };

/**
 * An SNS subscription filter policy: attribute name → conditions (OR), with
 * AND across names. The key `$or` holding two or more sub-policies expresses
 * OR across names, as SNS documents it.
 */
export interface FilterPolicy {
  readonly [attributeOrOr: string]: readonly FilterCondition[] | readonly FilterPolicy[];
}

// ---------------------------------------------------------------------------
// Specs
// ---------------------------------------------------------------------------

/** The SNS data types the announcer uses for its message attributes. */
export type AttributeDataType = 'String' | 'String.Array' | 'Number';

/** One message attribute the announcer sets on every publication message. */
export interface MessageAttributeSpec {
  readonly dataType: AttributeDataType;
  /** The closed set of values, where there is one. */
  readonly values?: readonly string[];
  /** Only these kinds carry the attribute; absent means every message does. */
  readonly onlyFor?: readonly Kind[];
  readonly description: string;
}

/** An SNS topic and the attributes its publisher promises subscribers. */
export interface TopicSpec {
  readonly description: string;
  readonly messageAttributes: Readonly<Record<string, MessageAttributeSpec>>;
}

/** A Lambda entry point: the same file runs under AWS and under `npm start`. */
export interface FunctionSpec {
  /** Path from the project root, e.g. `functions/deliver-email/handler.ts`. */
  readonly entry: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly description: string;
}

/** How a queue is subscribed to a topic. */
export interface SubscriptionSpec {
  readonly topic: string;
  readonly filterPolicyScope: 'MessageAttributes';
  readonly filterPolicy: FilterPolicy;
  /**
   * Off: the SQS body is the SNS notification envelope (`Type`, `MessageId`,
   * `TopicArn`, `Message`, `MessageAttributes` …), so consumers see the
   * attributes the filter policy saw.
   */
  readonly rawMessageDelivery: boolean;
}

/** Where messages go after repeated failure, for operators to inspect and replay. */
export interface DeadLetterSpec {
  /** Receives after which SQS moves a message to the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly retentionPeriodSeconds: number;
}

/** The Lambda event source mapping that drains a queue. */
export interface QueueConsumerSpec {
  readonly handler: FunctionSpec;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Handlers answer `{batchItemFailures}` so only failed messages come back. */
  readonly reportBatchItemFailures: boolean;
  /**
   * How many batches of the queue may be processed at once (the event source
   * mapping's maximum concurrency; AWS accepts 2–1000). Absent: 1 in the
   * local bus, one batch after another.
   */
  readonly maxConcurrency?: number;
}

/** One SQS queue with its dead-letter queue, subscription and consumer. */
export interface QueueSpec {
  readonly description: string;
  /** At least six times the consumer's timeout, as AWS advises for Lambda consumers. */
  readonly visibilityTimeoutSeconds: number;
  readonly retentionPeriodSeconds: number;
  readonly deadLetter: DeadLetterSpec;
  readonly subscription: SubscriptionSpec;
  readonly consumer: QueueConsumerSpec;
}

/** A DynamoDB stream consumer: one event source mapping on the table's stream, reading it independently of the others. */
export interface StreamConsumerSpec {
  readonly handler: FunctionSpec;
  /** The topic it publishes to, if any. */
  readonly publishesTo?: string;
  /** Only records matching one of these patterns reach the handler; every record when absent. */
  readonly filters?: readonly StreamFilterPattern[];
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Split a failing batch in two and retry each half, to isolate a poison record. */
  readonly bisectBatchOnError: boolean;
  readonly retryAttempts: number;
  readonly maxRecordAgeSeconds: number;
  readonly reportBatchItemFailures: boolean;
  readonly parallelizationFactor: number;
  /** Records that exhaust their retries are described on this queue for replay. */
  readonly onFailure: { readonly retentionPeriodSeconds: number };
}

/** When a schedule fires: a fixed rate, or once a day at a UTC time. */
export type ScheduleTiming =
  | { readonly type: 'rate'; readonly minutes: number }
  | { readonly type: 'daily'; readonly hourUtc: number; readonly minuteUtc: number };

/** The jobs the scheduler handler knows; it receives one as `{task}`. */
export type SchedulerTask = 'publish-scheduled' | 'expire-publications' | 'reconcile-sms-opt-outs' | 'remind-safety-checks';

/** An EventBridge schedule (locally: a timer) invoking a handler with a fixed input. */
export interface ScheduleSpec {
  readonly name: string;
  readonly description: string;
  readonly timing: ScheduleTiming;
  readonly handler: FunctionSpec;
  readonly input: { readonly task: SchedulerTask };
}

/** The whole messaging topology; `infra/aws` and `infra/local` both take one. */
export interface Topology {
  readonly topics: Readonly<Record<string, TopicSpec>>;
  /** One queue per delivery channel, no more and no fewer: a new channel fails the typecheck here until its queue is declared. */
  readonly queues: Readonly<Record<Channel, QueueSpec>>;
  /** The table stream's consumers, by name; each has its own event source mapping (locally, its own poller). */
  readonly streamConsumers: Readonly<Record<string, StreamConsumerSpec>>;
  readonly schedules: readonly ScheduleSpec[];
}

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
    description: 'The Hono app: public, member and publisher routes behind API Gateway.',
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
} as const satisfies Record<string, FunctionSpec>;

/** SMS costs money per message, so it carries only the urgent kinds. */
const SMS_KINDS = ['travel-advisory', 'security-alert'] as const satisfies readonly Kind[];
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
        filterPolicy: { change: ['major'] },
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
        filterPolicy: { change: ['major'], kind: SMS_KINDS },
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
        filterPolicy: { change: ['major'] },
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
      name: 'remind-safety-checks',
      description: 'Sends the safety-check messages the API left, and reminders to travelers who have not answered.',
      timing: { type: 'rate', minutes: 1 },
      handler: functions.scheduler,
      input: { task: 'remind-safety-checks' },
    },
  ],
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
 * Whether a channel's queue receives an announcement of this kind and
 * change, by the `kind` and `change` conditions of its filter policy (the
 * only attributes the declared policies filter on); the delivery status
 * uses it to tell "nothing to send here" from "not planned yet".
 */
export function queueReceives(queue: QueueName, announcement: { kind: Kind; major: boolean }): boolean {
  const policy = topology.queues[queue].subscription.filterPolicy as FilterPolicy;
  const listed = (name: string, value: string) => {
    const conditions = policy[name] as readonly FilterCondition[] | undefined;
    return conditions === undefined || conditions.includes(value);
  };
  return listed('kind', announcement.kind) && listed('change', announcement.major ? 'major' : 'minor');
}
