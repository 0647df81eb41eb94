import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CHANNELS, ChannelSchema, type ChannelDefinition } from '../../../shared/domain/channel';
import { KindSchema } from '../../../shared/domain/publication-kind';
import { REGION_CODES } from '../../../shared/domain/region';
import { filtersOf, UpdateSubscriptionFiltersSchema } from '../../../shared/domain/subscription';
import { channelDeliveryConfig } from '../../../shared/services/channel-worker';
import { functions, topology } from '../../../shared/topology';

const definitions = CHANNEL_NAMES.map((channel) => [channel, CHANNELS[channel] as ChannelDefinition] as const);

describe('the channel registry', () => {
  it('has exactly one entry per channel of the enum', () => {
    expect(Object.keys(CHANNELS).sort()).toEqual([...ChannelSchema.options].sort());
    expect(CHANNEL_NAMES).toEqual(ChannelSchema.options);
  });

  it('gives every channel a label and a long label, no two alike', () => {
    for (const [channel, d] of definitions) {
      expect(d.label.trim(), channel).not.toBe('');
      expect(d.longLabel.trim(), channel).not.toBe('');
    }
    expect(new Set(definitions.map(([, d]) => d.label)).size).toBe(definitions.length);
  });

  it('accepts each channel only in its own create schema', () => {
    const bodies = { email: { address: 'registry-test@example.org' }, sms: { address: '+254712345678' }, webhook: { url: 'https://hooks.example.org/outpost' } };
    for (const [channel, d] of definitions) {
      expect(d.input.safeParse({ channel, ...bodies[channel], kinds: ['security-alert'] }).success, channel).toBe(true);
      for (const other of CHANNEL_NAMES.filter((c) => c !== channel)) expect(d.input.safeParse({ channel: other, ...bodies[channel] }).success, `${channel} ← ${other}`).toBe(false);
    }
  });

  it('lets a subscription name every kind and every region, and no more entries than there are', () => {
    const all = { channel: 'email', address: 'every-kind@example.org', kinds: [...KindSchema.options], regions: [...REGION_CODES] };
    expect(CHANNELS.email.input.safeParse(all).success).toBe(true);
    expect(UpdateSubscriptionFiltersSchema.safeParse({ kinds: [...KindSchema.options, 'travel-advisory'] }).success).toBe(false);
    expect(UpdateSubscriptionFiltersSchema.safeParse({ regions: [...REGION_CODES, 'AF'] }).success).toBe(false);
  });

  it('confirms address channels with a message carrying the link, and masks their addresses', () => {
    const link = 'https://outpost.example/v1/subscriptions/confirm?token=registry-test';
    const samples = { email: 'maria.registry@example.org', sms: '+254712345678' } as const;
    for (const [channel, d] of definitions) {
      if (d.destination !== 'address') continue;
      const message = d.confirmation({ filters: filtersOf({ countries: ['KE'] }) }, link);
      expect(message.text, channel).toContain(link);
      const address = samples[channel as keyof typeof samples];
      expect(d.maskAddress(address), channel).not.toContain(address.slice(1, -4));
      expect(d.showToOrganization({ address }), channel).not.toBe(address);
      if (d.form) expect(d.form.sentTitle, channel).not.toBe('');
    }
  });

  it('names each address field of the public form once', () => {
    const fields = definitions.flatMap(([, d]) => (d.destination === 'address' && d.form ? [d.form.field] : []));
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).not.toContain('channel');
  });
});

describe('the topology against the channel registry', () => {
  it('declares one queue per channel and no other', () => {
    expect(Object.keys(topology.queues).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('consumes each channel queue with a worker of its own', () => {
    const handlers = CHANNEL_NAMES.map((channel) => topology.queues[channel].consumer.handler.entry);
    expect(new Set(handlers).size).toBe(CHANNEL_NAMES.length);
    for (const entry of handlers) expect(Object.values(functions).map((f) => f.entry)).toContain(entry);
  });

  it('runs each worker with its registry settings, leased for its function timeout and dead-lettered by its queue', () => {
    for (const channel of CHANNEL_NAMES) {
      const config = channelDeliveryConfig(channel);
      const queue = topology.queues[channel];
      expect(config).toEqual({
        channel,
        ...CHANNELS[channel].delivery,
        leaseSeconds: queue.consumer.handler.timeoutSeconds,
        maxReceiveCount: queue.deadLetter.maxReceiveCount,
      });
      // A message must stay invisible for longer than the worker may hold it.
      expect(queue.visibilityTimeoutSeconds).toBeGreaterThan(config.leaseSeconds);
    }
  });
});
