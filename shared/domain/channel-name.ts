import * as z from 'zod';

/**
 * The channel names alone, for code that counts or lists by channel
 * without subscribing anyone (delivery status, stores): importing them
 * brings in none of the address validation of the registry in channel.ts.
 * Each value needs its entry in CHANNELS there; the compiler checks.
 */
export const ChannelSchema = z.enum(['email', 'sms', 'webhook']);
export type Channel = z.infer<typeof ChannelSchema>;

/** Every channel, in the order pages list them. */
export const CHANNEL_NAMES: readonly Channel[] = ChannelSchema.options;
