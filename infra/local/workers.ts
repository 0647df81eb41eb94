import { randomUUID } from 'node:crypto';
import type { ApiDeps } from '../../functions/api/env';
import { createDeliverEmailHandler } from '../../functions/deliver-email/handler';
import { createDeliverSmsHandler } from '../../functions/deliver-sms/handler';
import { createDeliverWebhookHandler } from '../../functions/deliver-webhook/handler';
import { httpWebhookSender } from '../../shared/adapters/webhook/http-webhook-sender';
import type { Channel } from '../../shared/domain/subscription';
import type { Requeue } from '../../shared/ports/requeue';
import type { SqsHandler, SqsRecord } from '../../shared/ports/sqs-event';
import type { WebhookSender } from '../../shared/ports/webhook-sender';
import type { DeliveryConfig } from '../../shared/services/deliver-announcement';
import { topology, type QueueName, type TopicName } from '../../shared/topology';
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

type BusWithSend = MessageBus<QueueName, TopicName> & { sendMessage?: (queue: QueueName, body: string) => Promise<unknown> | unknown };

/**
 * Registers the delivery workers (functions/deliver-*) as consumers of the
 * local bus's queues; `infra/local/runtime.ts` calls it once before the bus
 * starts polling. `deps` is the local API wiring (stores, the outbox as email
 * and SMS sender, link signer, base URL, logger).
 *
 * Continuations of large fan-outs go back to the channel's queue through
 * `bus.sendMessage(queue, body)` when the bus has it (SQS SendMessage
 * semantics). Until it does, they are kept here and run by the same consumer
 * right after the batch that queued them, each retried up to the queue's
 * maxReceiveCount (then logged as dead-lettered).
 */
export function registerWorkers(bus: MessageBus<QueueName, TopicName>, deps: ApiDeps, options: LocalWorkerOptions = {}): void {
  const send = (bus as BusWithSend).sendMessage?.bind(bus);
  const pending: Record<Channel, { body: string; receives: number; id: string }[]> = { email: [], sms: [], webhook: [] };
  const requeue: Requeue = {
    async requeue(channel, body) {
      if (send) await send(channel, body);
      else pending[channel].push({ body, receives: 0, id: randomUUID() });
    },
  };
  const base = { ...deps, requeue };
  const handlers: Record<Channel, SqsHandler> = {
    email: createDeliverEmailHandler(base, options.config?.email),
    sms: createDeliverSmsHandler(base, options.config?.sms),
    webhook: createDeliverWebhookHandler(
      { ...base, webhooks: options.webhooks ?? httpWebhookSender({ allowLoopback: true }), ...(options.sleep ? { sleep: options.sleep } : {}) },
      options.config?.webhook,
    ),
  };
  for (const channel of ['email', 'sms', 'webhook'] as const) {
    const handler = handlers[channel];
    const arn = bus.queueArn(channel);
    bus.registerConsumer(channel, async (event) => {
      const response = await handler(event);
      if (!send) await runPending(channel);
      return response;
    });
    const runPending = async (queue: Channel): Promise<void> => {
      const maxReceiveCount = topology.queues[queue].deadLetter.maxReceiveCount;
      while (pending[queue].length > 0) {
        const message = pending[queue].shift()!;
        message.receives += 1;
        const record = syntheticRecord(message, arn);
        const result = await handler({ Records: [record] }).catch(() => ({ batchItemFailures: [{ itemIdentifier: record.messageId }] }));
        if (result && result.batchItemFailures.length > 0) {
          if (message.receives < maxReceiveCount) pending[queue].push(message);
          else deps.logger.error('message dead-lettered', { queue, messageId: message.id, reason: 'continuation failed on every receive' });
        }
      }
    };
  }
}

function syntheticRecord(message: { body: string; receives: number; id: string }, arn: string): SqsRecord {
  const now = String(Date.now());
  return {
    messageId: message.id,
    receiptHandle: randomUUID(),
    body: message.body,
    attributes: { ApproximateReceiveCount: String(message.receives), SentTimestamp: now, SenderId: 'AIDALOCALWORKERS', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: 'us-east-1',
  };
}
