import type { Channel } from '../domain/channel';

/** An alert held for the end of its subscriber's quiet hours: which version, and when it may go out. */
export interface HeldMessage {
  subscriptionId: string;
  channel: Channel;
  publicationId: string;
  version: number;
  /** When the quiet hours end. */
  releaseAt: string;
}

/**
 * Messages held during quiet hours (see shared/adapters/dynamodb/held-message-repository.ts):
 * one per subscription and publication, so a newer version replaces an
 * older one still waiting, and the subscriber gets the newest, once.
 */
export interface HeldMessageStore {
  /** Holds a version; an older version of the same publication still held is replaced, a newer one is kept. */
  hold(message: HeldMessage): Promise<void>;
  /** Up to `limit` messages of one channel and shard whose release time is at or before `at`, earliest first. */
  due(channel: Channel, shard: number, at: string, limit: number): Promise<HeldMessage[]>;
  /**
   * Takes a due message for sending: deletes it if it still holds that
   * version. False if another worker took it or a newer version replaced
   * it (that one is released on its own). Whoever gets true sends it; no
   * one else can, so it is sent at most once.
   */
  claim(message: HeldMessage): Promise<boolean>;
}
