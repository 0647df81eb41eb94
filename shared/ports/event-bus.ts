/**
 * Publishing to a topic of the messaging topology (`shared/topology.ts`):
 * SNS `Publish` in AWS, the in-process bus in local mode.
 */

/** SNS message attribute data types the topology uses. */
export type EventAttributeDataType = 'String' | 'String.Array' | 'Number';

/**
 * One message attribute, spelled as SNS spells it. `String.Array` values are
 * JSON array text (`'["MX","GT"]'`), `Number` values decimal text.
 */
export interface EventAttribute {
  DataType: EventAttributeDataType;
  StringValue: string;
}

/** A message and the attributes subscription filter policies look at. */
export interface BusEvent {
  message: string;
  attributes: Record<string, EventAttribute>;
}

/**
 * Publishes messages to named topics. Adapters map the topic name to the
 * real topic; a rejected or failed publish throws.
 *
 * @example
 * await bus.publish('publications', { message: JSON.stringify(announcement), attributes });
 */
export interface EventBus {
  publish(topic: string, event: BusEvent): Promise<{ messageId: string }>;
}
