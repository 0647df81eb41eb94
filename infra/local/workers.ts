import type { ApiDeps } from '../../functions/http/env';
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
import type { DeliveryConfig } from '../../shared/services/deliver-announcement';
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
}

type WorkerDeps = ApiDeps & { requeue: Requeue; metrics: Metrics };

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

/**
 * Registers the delivery workers as consumers of the local bus's queues;
 * `infra/local/runtime.ts` calls it once before the bus starts polling.
 * `deps` is the local API wiring (stores, the outbox as email and SMS
 * sender, link signer, base URL, logger).
 *
 * Continuations of large fan-outs go back to the channel's own queue with
 * `bus.sendMessage` (SQS SendMessage semantics, as `sqsRequeue` does in AWS),
 * so each is a message of its own: received in a later batch, retried and
 * dead-lettered by the queue's rules.
 */
export function registerWorkers(bus: MessageBus<QueueName, TopicName>, deps: ApiDeps, options: LocalWorkerOptions = {}): void {
  const requeue: Requeue = {
    async requeue(channel, body) {
      await bus.sendMessage(channel, body);
    },
  };
  // No CloudWatch locally: the workers' metrics are log lines.
  const metrics = logMetrics(deps.logger);
  for (const channel of CHANNEL_NAMES) bus.registerConsumer(channel, WORKERS[channel]({ ...deps, requeue, metrics }, options));
}
