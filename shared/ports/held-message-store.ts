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

/** A worker's claim on a held message: its token, and when a worker that stopped is taken to have stopped (its function timeout). */
export interface HeldLease {
  token: string;
  leaseUntil: string;
}

/**
 * Messages held during quiet hours (see shared/adapters/dynamodb/held-message-repository.ts):
 * one per subscription and publication, so a newer version replaces an
 * older one still waiting, and the subscriber gets the newest, once.
 *
 * A release takes a message in steps, like a fan-out chunk: `claim` (a
 * lease), `markSending` just before the provider is called, then `settle`
 * (it is gone) or `giveBack` (the send did not happen; due again). A
 * worker that stops leaves the lease to run out, and the message is due
 * again then; whether it was in flight tells the next claimer whether its
 * send may have happened.
 */
export interface HeldMessageStore {
  /** Holds a version; an older version of the same publication still held (even one being released) is replaced, a newer one is kept. */
  hold(message: HeldMessage): Promise<void>;
  /** Up to `limit` messages of one channel and shard due by `at` (their release time, or the end of an abandoned lease), earliest first. */
  due(channel: Channel, shard: number, at: string, limit: number): Promise<HeldMessage[]>;
  /**
   * Takes a message for sending if it still holds that version and no
   * lease on it runs past `now`. Undefined if another worker holds it or a
   * newer version replaced it (that one is released on its own).
   * `inFlight`: an earlier claimer stopped after marking it in flight, so
   * it may have been sent.
   */
  claim(message: HeldMessage, lease: HeldLease, now: string): Promise<{ inFlight: boolean } | undefined>;
  /** Marks the message in flight under the lease, just before the send; false if the lease was lost (a newer version replaced it). */
  markSending(message: HeldMessage, token: string): Promise<boolean>;
  /** Removes the message if the lease still holds it (sent, refused for good, or abandoned in flight); a newer version that replaced it stays. */
  settle(message: HeldMessage, token: string): Promise<void>;
  /** Ends the lease without sending: the message is due again at once (the send failed and may be retried). */
  giveBack(message: HeldMessage, token: string): Promise<void>;
}
