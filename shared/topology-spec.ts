/**
 * The shapes of the messaging topology (shared/topology.ts declares the
 * values): filter policies, topics, queues with their dead letters and
 * consumers, the stream consumers with their filters, schedules, HTTP
 * routing. Types only.
 */
import type { Channel } from './domain/channel';
import type { Kind } from './domain/publication-kind';
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
  /** Set only when there is a value (never for filtering). */
  readonly optional?: boolean;
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
  /**
   * How many batches of the queue the local bus processes at once (absent:
   * one after another). In AWS every SQS trigger has a maximum concurrency
   * instead of reserved concurrency, whose throttled receives would count
   * toward `maxReceiveCount`: the delivery channels' from the capacity model
   * (infra/capacity/worker-concurrency.ts), others' as declared here.
   */
  readonly maxConcurrency?: number;
  /** Handlers answer `{batchItemFailures}` so only failed messages come back. */
  readonly reportBatchItemFailures: boolean;
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
export type SchedulerTask = 'publish-scheduled' | 'expire-publications' | 'reconcile-sms-opt-outs' | 'remind-safety-checks' | 'send-digests' | 'release-held';

/** An EventBridge schedule (locally: a timer) invoking a handler with a fixed input. */
export interface ScheduleSpec {
  readonly name: string;
  readonly description: string;
  readonly timing: ScheduleTiming;
  readonly handler: FunctionSpec;
  readonly input: { readonly task: SchedulerTask };
}

/** A method of an API Gateway (HTTP API) route; `ANY` matches every method not routed otherwise on the same path. */
export type HttpRouteMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE' | 'ANY';

/** Paths routed to one function, with `{name}` variables and a final greedy `{proxy+}`, as API Gateway writes them. */
export interface HttpRouteGroup {
  readonly handler: FunctionSpec;
  readonly methods: readonly HttpRouteMethod[];
  readonly paths: readonly string[];
}

/**
 * Which function serves which HTTP requests: API Gateway sends a request to
 * the function of its most specific matching route (a whole path before a
 * greedy `{proxy+}`, a longer literal prefix first, a named method before
 * `ANY`) and everything unmatched to `default`. Locally one app serves all.
 */
export interface HttpSpec {
  readonly default: FunctionSpec;
  readonly routes: readonly HttpRouteGroup[];
}

/** The whole messaging topology; `infra/aws` and `infra/local` both take one. */
export interface Topology {
  readonly topics: Readonly<Record<string, TopicSpec>>;
  /** One queue per delivery channel, no more and no fewer: a new channel fails the typecheck here until its queue is declared. */
  readonly queues: Readonly<Record<Channel, QueueSpec>>;
  /** The table stream's consumers, by name; each has its own event source mapping (locally, its own poller). */
  readonly streamConsumers: Readonly<Record<string, StreamConsumerSpec>>;
  readonly schedules: readonly ScheduleSpec[];
  readonly http: HttpSpec;
}
