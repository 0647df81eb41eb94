import type { LocalApiDeps } from '../../functions/wiring/local';
import { createDeliverEmailHandler } from '../../functions/deliver-email/handler';
import { createDeliverSmsHandler } from '../../functions/deliver-sms/handler';
import { createDeliverWebhookHandler } from '../../functions/deliver-webhook/handler';
import { logMetrics } from '../../shared/adapters/system/log-metrics';
import { httpWebhookSender } from '../../shared/adapters/webhook/http-webhook-sender';
import { CHANNEL_NAMES, type Channel } from '../../shared/domain/channel';
import type { Metrics } from '../../shared/ports/metrics';
import type { Requeue } from '../../shared/ports/requeue';
import type { SqsHandler } from '../../shared/ports/sqs-event';
import type { WebhookSender } from '../../shared/ports/webhook-sender';
import type { DeliveryConfig, DeliveryDeps } from '../../shared/services/delivery-work';
import type { QueueName, TopicName } from '../../shared/topology';
import type { MessageBus } from './message-bus';

/** Test hooks; `npm start` passes none. */
export interface LocalWorkerOptions {
  /** Defaults to real HTTP POSTs with the SSRF guard, loopback allowed (local mode). */
  webhooks?: WebhookSender;
  /** Per-channel overrides, e.g. a small chunk size to exercise continuations. */
  config?: Partial<Record<Channel, Partial<DeliveryConfig>>>;
  /** Webhook retry sleeps (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
  /** The shared provider rates; defaults to LOCAL_SEND_RATES. */
  sendRates?: DeliveryDeps['sendRates'];
}

/**
 * The outbox has no rate of its own; these stand for a production SES and
 * SMS account so the shared rate limiter runs locally as it does in AWS
 * without being what bounds a local fan-out (SEND_RATE_EMAIL and
 * SEND_RATE_SMS override them).
 */
const LOCAL_SEND_RATES: DeliveryDeps['sendRates'] = {
  email: Number(process.env.SEND_RATE_EMAIL ?? 5_000),
  sms: Number(process.env.SEND_RATE_SMS ?? 1_000),
};

type WorkerDeps = LocalApiDeps & { requeue: Requeue; sendRates: DeliveryDeps['sendRates']; metrics: Metrics };

/**
 * Each channel's worker (functions/deliver-*) built from the local wiring.
 * A channel without its worker here fails the typecheck.
 */
const WORKERS: { [C in Channel]: (deps: WorkerDeps, options: LocalWorkerOptions) => SqsHandler } = {
  email: (deps, options) => createDeliverEmailHandler(deps, options.config?.email),
  sms: (deps, options) => createDeliverSmsHandler(deps, options.config?.sms),
  webhook: (deps, options) =>
    createDeliverWebhookHandler(
      { ...deps, webhooks: options.webhooks ?? httpWebhookSender({ allowLoopback: true }), ...(options.sleep ? { sleep: options.sleep } : {}) },
      options.config?.webhook,
    ),
};

/** Queues messages on the local bus's channel queues with SendMessageBatch's rules, ten entries a call, as sqsRequeue sends them in AWS. */
export function busRequeue(bus: MessageBus<QueueName, TopicName>): Requeue {
  return {
    async requeue(channel, bodies) {
      for (let i = 0; i < bodies.length; i += 10) await bus.sendMessageBatch(channel, bodies.slice(i, i + 10).map((body, n) => ({ id: String(n), body })));
    },
  };
}

/**
 * Registers the delivery workers as consumers of the local bus's queues;
 * `infra/local/runtime.ts` calls it once before the bus starts polling.
 * `deps` is the local API wiring (stores, the outbox as email and SMS
 * sender, link signer, base URL, logger).
 *
 * A fan-out's part messages go to the channel's own queue with
 * `bus.sendMessageBatch` (SQS SendMessageBatch semantics, as `sqsRequeue`
 * sends them in AWS), so each is a message of its own: received in a later
 * batch, retried and dead-lettered by the queue's rules.
 */
export function registerWorkers(bus: MessageBus<QueueName, TopicName>, deps: LocalApiDeps, options: LocalWorkerOptions = {}): void {
  const sendRates = options.sendRates ?? LOCAL_SEND_RATES;
  const requeue = busRequeue(bus);
  // No CloudWatch locally: the workers' metrics are log lines.
  const metrics = logMetrics(deps.logger);
  for (const channel of CHANNEL_NAMES) bus.registerConsumer(channel, WORKERS[channel]({ ...deps, requeue, sendRates, metrics }, options));
}
