/**
 * The capacity model of Outpost's fan-out in AWS: from the per-delivery
 * costs measured locally (bench/fan-out-measured.json, written by
 * bench/fan-out.ts), the AWS quotas and the service latencies below, how
 * many recipients a second each channel reaches, how long 10,000, 100,000
 * and 1,000,000 recipients take, which quota binds first, how many workers
 * each channel needs (the stack's `maxConcurrency`), and what a month at
 * OSAC's scale costs at list prices. docs/capacity.md explains it;
 * `npx tsx bench/capacity-model.ts` prints its tables.
 */
import type { Channel } from '../../shared/domain/channel';
import { CHANNELS, type ChannelDeliverySettings } from '../../shared/domain/channel';

const settingsOf = (channel: Channel): ChannelDeliverySettings => CHANNELS[channel].delivery;

/** Per-delivery costs measured on the local runtime (email) and what the model assumes of the others. */
export interface MeasuredCosts {
  measuredOn: string;
  requestsPerDelivery: number;
  writeUnitsPerDelivery: number;
  readUnitsPerDelivery: number;
  /** Worker CPU per delivery, the compute part of a Lambda's billed duration. */
  cpuMsPerDelivery: number;
}

/** Service quotas and latencies (AWS defaults unless said otherwise; each a number an operator can raise or measure). */
export interface Quotas {
  /** Concurrent Lambda executions in the account and region (default 1,000). */
  lambdaConcurrency: number;
  /** Executions of the whole platform's other functions kept free (API, announce, scheduler…). */
  lambdaReserveForOthers: number;
  /** SES maximum send rate, messages a second (new production accounts: 14; raised on request). */
  sesPerSecond: number;
  /** SMS messages a second across the account's origination identities. */
  smsPerSecond: number;
  /** Webhooks in flight at once, per worker (per host the registry says). */
  webhookConcurrencyPerWorker: number;
  /** DynamoDB on-demand table throughput quota, write request units a second (default 40,000). */
  tableWriteUnitsPerSecond: number;
  /** One DynamoDB request, round trip inside the region. */
  dynamoLatencyMs: number;
  /** One SES SendBulkEmail call of 50 destinations. */
  sesBulkCallMs: number;
  /** One SNS SMS publish. */
  smsPublishMs: number;
  /** One webhook POST to a healthy receiver. */
  webhookPostMs: number;
  /** From a publish to the first part reaching a worker: stream, announce, SNS, SQS, planning. */
  pipelineLatencyMs: number;
}

export const DEFAULT_QUOTAS: Quotas = {
  lambdaConcurrency: 1_000,
  lambdaReserveForOthers: 200,
  sesPerSecond: 14,
  smsPerSecond: 20,
  webhookConcurrencyPerWorker: CHANNELS.webhook.delivery.concurrency,
  tableWriteUnitsPerSecond: 40_000,
  dynamoLatencyMs: 6,
  sesBulkCallMs: 150,
  smsPublishMs: 60,
  webhookPostMs: 250,
  pipelineLatencyMs: 1_500,
};

/** What one worker (one Lambda execution working on one part) delivers a second on each channel, unhindered by any shared rate. */
export function perWorkerRate(channel: Channel, costs: MeasuredCosts, q: Quotas): number {
  const settings = settingsOf(channel);
  const batch = settings.sendBatchSize;
  // Per batch: mark in flight, take the rate, record outcomes; per chunk (chunkSize / batch batches) a read, a create and a round end.
  const dynamoPerBatch = (3 + (3 * batch) / settings.chunkSize) * q.dynamoLatencyMs;
  const cpuPerBatch = costs.cpuMsPerDelivery * batch;
  const sendPerBatch =
    channel === 'email' ? q.sesBulkCallMs : channel === 'sms' ? (q.smsPublishMs * batch) / settings.concurrency : (q.webhookPostMs * batch) / Math.min(settings.concurrency, q.webhookConcurrencyPerWorker);
  return (batch * 1000) / (dynamoPerBatch + cpuPerBatch + sendPerBatch);
}

/** The rate every worker of a channel shares, if any (SES, SMS); webhooks have none but their receivers'. */
function sharedRate(channel: Channel, q: Quotas): number {
  const provider = settingsOf(channel).rateProvider;
  return provider === 'email' ? q.sesPerSecond : provider === 'sms' ? q.smsPerSecond : Number.POSITIVE_INFINITY;
}

/** Workers a channel needs to keep its shared rate busy, with half again for slow calls; bounded by what Lambda leaves it. */
export function workerConcurrency(channel: Channel, costs: MeasuredCosts, q: Quotas = DEFAULT_QUOTAS): number {
  const budget = Math.floor((q.lambdaConcurrency - q.lambdaReserveForOthers) / 3);
  const rate = sharedRate(channel, q);
  if (!Number.isFinite(rate)) return Math.max(2, Math.min(budget, 50));
  return Math.max(2, Math.min(budget, Math.ceil((1.5 * rate) / perWorkerRate(channel, costs, q))));
}

export interface FanOutEstimate {
  recipients: number;
  /** Deliveries a second once every worker is busy. */
  throughput: number;
  seconds: number;
  /** What limits the throughput. */
  binding: 'SES send rate' | 'SMS rate' | 'Lambda concurrency' | 'DynamoDB table write throughput' | 'fan-out parts';
}

/**
 * How long one alert to `recipients` subscribers of one country takes on a
 * channel: the pipeline's latency, then the slowest of the shared provider
 * rate, the workers (at most one per part: 16 shards a scope, and the
 * concurrency the stack gives the channel), and the table's write throughput.
 */
export function estimateFanOut(channel: Channel, recipients: number, costs: MeasuredCosts, q: Quotas = DEFAULT_QUOTAS, parts = 16): FanOutEstimate {
  const workers = Math.min(workerConcurrency(channel, costs, q), parts);
  const limits: [FanOutEstimate['binding'], number][] = [
    [settingsOf(channel).rateProvider === 'sms' ? 'SMS rate' : 'SES send rate', sharedRate(channel, q)],
    [workers < parts ? 'Lambda concurrency' : 'fan-out parts', workers * perWorkerRate(channel, costs, q)],
    ['DynamoDB table write throughput', q.tableWriteUnitsPerSecond / Math.max(costs.writeUnitsPerDelivery, 1e-6)],
  ];
  const [binding, throughput] = limits.reduce((a, b) => (b[1] < a[1] ? b : a));
  return { recipients, throughput, seconds: q.pipelineLatencyMs / 1000 + recipients / throughput, binding };
}

/** List prices (USD, us-east-1) with the date they were read; every one is an input. */
export interface Prices {
  asOf: string;
  lambdaPerGbSecond: number;
  lambdaPerMillionRequests: number;
  dynamoPerMillionWriteUnits: number;
  dynamoPerMillionReadUnits: number;
  sqsPerMillionRequests: number;
  snsPerMillionPublishes: number;
  sesPerThousandEmails: number;
  /** US destination: the AWS fee plus the average carrier fee. */
  smsPerMessage: number;
  cloudFrontPerGb: number;
  cloudFrontPerTenThousandRequests: number;
}

export const LIST_PRICES: Prices = {
  asOf: '2026-11 (AWS public pricing pages, us-east-1; check before relying on them)',
  lambdaPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
  sqsPerMillionRequests: 0.4,
  snsPerMillionPublishes: 0.5,
  sesPerThousandEmails: 0.1,
  smsPerMessage: 0.00581 + 0.00302,
  cloudFrontPerGb: 0.085,
  cloudFrontPerTenThousandRequests: 0.01,
};

/** The month the cost model prices. */
export interface Workload {
  memberCompanies: number;
  subscribers: Record<Channel, number>;
  /** Major publications a day that alert subscribers. */
  alertsPerDay: number;
  /** Of a channel's subscribers, the share a typical alert matches (a country or region, a kind, a level). */
  matchShare: Record<Channel, number>;
  publicRequestsPerMonth: number;
  publicGbPerMonth: number;
}

export const OSAC_SCALE: Workload = {
  memberCompanies: 4_600,
  subscribers: { email: 250_000, sms: 40_000, webhook: 2_000 },
  alertsPerDay: 40,
  matchShare: { email: 0.03, sms: 0.03, webhook: 0.15 },
  publicRequestsPerMonth: 20_000_000,
  publicGbPerMonth: 400,
};

export interface CostLine {
  channel: Channel;
  deliveries: number;
  lambda: number;
  dynamodb: number;
  snsSqs: number;
  provider: number;
  perThousand: number;
}

/** Lambda memory of the delivery workers (topology), for GB-seconds. */
const WORKER_GB = 0.25;

/** The cost of one month's deliveries on each channel, and of the public read path. */
export function monthlyCost(costs: MeasuredCosts, workload: Workload = OSAC_SCALE, q: Quotas = DEFAULT_QUOTAS, p: Prices = LIST_PRICES): { lines: CostLine[]; cloudFront: number; total: number } {
  const lines = (Object.keys(CHANNELS) as Channel[]).map((channel): CostLine => {
    const deliveries = workload.subscribers[channel] * workload.matchShare[channel] * workload.alertsPerDay * 30;
    // Workers are billed while they wait for the shared rate too: every busy worker for the whole fan-out.
    const perAlert = deliveries / (workload.alertsPerDay * 30);
    const estimate = estimateFanOut(channel, perAlert, costs, q);
    const busyWorkers = Math.min(workerConcurrency(channel, costs, q), 16);
    const seconds = Math.max(deliveries / perWorkerRate(channel, costs, q), busyWorkers * (deliveries / estimate.throughput));
    const settings = settingsOf(channel);
    const messages = deliveries / settings.chunkSize + workload.alertsPerDay * 30 * 16;
    const lambda = seconds * WORKER_GB * p.lambdaPerGbSecond + (messages / 10 / 1e6) * p.lambdaPerMillionRequests;
    const dynamodb = (deliveries * costs.writeUnitsPerDelivery * p.dynamoPerMillionWriteUnits + deliveries * costs.readUnitsPerDelivery * p.dynamoPerMillionReadUnits) / 1e6;
    // Each message is sent, received and deleted: three SQS requests; one SNS publish per alert.
    const snsSqs = ((messages * 3) / 1e6) * p.sqsPerMillionRequests + ((workload.alertsPerDay * 30) / 1e6) * p.snsPerMillionPublishes;
    const provider = channel === 'email' ? (deliveries / 1000) * p.sesPerThousandEmails : channel === 'sms' ? deliveries * p.smsPerMessage : 0;
    const total = lambda + dynamodb + snsSqs + provider;
    return { channel, deliveries, lambda, dynamodb, snsSqs, provider, perThousand: deliveries ? (total / deliveries) * 1000 : 0 };
  });
  const cloudFront = workload.publicGbPerMonth * p.cloudFrontPerGb + (workload.publicRequestsPerMonth / 10_000) * p.cloudFrontPerTenThousandRequests;
  const total = lines.reduce((sum, l) => sum + l.lambda + l.dynamodb + l.snsSqs + l.provider, 0) + cloudFront;
  return { lines, cloudFront, total };
}
