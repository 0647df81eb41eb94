/**
 * Which announcements each channel's queue receives: the filter policy of
 * its subscription to the `publications` topic. The topology
 * (topology.ts) declares the subscriptions with these policies, and the
 * delivery status reads them through {@link queueReceives}; they live apart
 * so that a function reading delivery status does not carry the whole
 * topology. The domain imports are type-only.
 */
import type { Channel } from './domain/channel';
import type { Kind } from './domain/publication-kind';
import type { FilterCondition, FilterPolicy } from './topology-spec';

/** SMS costs money per message, so it carries only the urgent kinds. */
const SMS_KINDS = ['travel-advisory', 'security-alert'] as const satisfies readonly Kind[];

/** Per queue: major changes alert subscribers, minor ones do not; SMS takes the urgent kinds alone. */
export const QUEUE_FILTER_POLICIES = {
  email: { change: ['major'] },
  sms: { change: ['major'], kind: SMS_KINDS },
  webhook: { change: ['major'] },
} as const satisfies Record<Channel, FilterPolicy>;

/**
 * Whether a channel's queue receives an announcement of this kind and
 * change, by the `kind` and `change` conditions of its filter policy (the
 * only attributes the declared policies filter on); the delivery status
 * uses it to tell "nothing to send here" from "not planned yet".
 */
export function queueReceives(queue: Channel, announcement: { kind: Kind; major: boolean }): boolean {
  const policy: FilterPolicy = QUEUE_FILTER_POLICIES[queue];
  const listed = (name: string, value: string) => {
    const conditions = policy[name] as readonly FilterCondition[] | undefined;
    return conditions === undefined || conditions.includes(value);
  };
  return listed('kind', announcement.kind) && listed('change', announcement.major ? 'major' : 'minor');
}
