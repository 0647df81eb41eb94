import type { BusEvent, EventBus } from '../../shared/ports/event-bus';
import type { MessageBus } from './message-bus';

/**
 * The EventBus port on the in-process bus: the same publish the SNS adapter
 * makes, handed to `bus.publish`, which applies the topology's filter
 * policies and enqueues on the matching queues.
 *
 * @example
 * const events = busEventBus(createMessageBus());
 * await events.publish('publications', { message, attributes });
 */
export function busEventBus<T extends string>(bus: Pick<MessageBus<string, T>, 'publish'>): EventBus {
  return {
    async publish(topic: string, event: BusEvent) {
      const { messageId } = await bus.publish(topic as T, { message: event.message, messageAttributes: event.attributes });
      return { messageId };
    },
  };
}
