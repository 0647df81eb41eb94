import { createHash } from 'node:crypto';
import type { ChangeCount } from '../ports/publication-store';
import type { FeedDocument } from './render-feed';

/**
 * A rendered public document, ready to send: its bytes, a strong ETag of
 * those bytes and its Last-Modified, all computed once when it is rendered.
 */
export interface CachedDocument {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
  /** ISO 8601: the later of the content's own time and the table's last listing change. */
  lastModified: string;
  /** `lastModified` as an HTTP date. */
  lastModifiedHttp: string;
  /** The `Vary` header, when the route has one (see FeedDocument). */
  vary?: string;
}

export interface FeedCacheOptions {
  /** How long the change counter is trusted before it is read again; 1 s by default, so a publish shows within 2 s. */
  checkIntervalMs?: number;
  /** Rendered bytes kept at most; the least recently used documents go first. 64 MiB by default. */
  maxBytes?: number;
  /** Milliseconds, monotonic enough for intervals; injected in tests. */
  now?: () => number;
}

type Slot = { doc: CachedDocument | undefined; bytes: number };

/** Stable ETag of a document's bytes. */
function documentEtag(body: Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/**
 * The per-process cache of rendered public documents (feeds, CAP, the
 * calendar, and the anonymous view of the country API), keyed by path and invalidated by the table's public listing
 * change counter (`META/CHANGES`, bumped in the same transaction as every publish,
 * amendment, archive and expiry that adds or withdraws a TLP:CLEAR listing, and by no other write).
 *
 * - A hit while the counter was checked within `checkIntervalMs` makes no
 *   store call at all.
 * - Otherwise the counter is read (one GetItem, shared by every request in
 *   flight); if it moved, everything cached is dropped.
 * - A miss renders once however many requests ask at the same time, and the
 *   result is kept only if the counter did not move while it was rendered.
 *   "Not found" is cached too, so unknown ids do not each reach the table.
 *
 * @example
 *   const cache = new FeedCache(() => store.publicChangeCount());
 *   const doc = await cache.get('/feeds/all.atom', () => renderFeed(deps, { type: 'all' }, 'atom'));
 */
export class FeedCache {
  private readonly entries = new Map<string, Slot>();
  private readonly rendering = new Map<string, Promise<CachedDocument | undefined>>();
  private readonly checkIntervalMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;
  private generation = -1;
  private changedAt: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | undefined;
  private revalidations = 0;
  private bytes = 0;

  constructor(
    private readonly readCounter: () => Promise<ChangeCount>,
    options: FeedCacheOptions = {},
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? (() => performance.now());
  }

  /** The document at `key`, rendering it with `render` when it is not cached or is stale. */
  async get(key: string, render: () => Promise<FeedDocument | undefined>): Promise<CachedDocument | undefined> {
    if (this.now() - this.checkedAt >= this.checkIntervalMs) {
      try {
        await this.check();
      } catch (error) {
        // The table is unreachable: what was rendered before is better than an error.
        const stale = this.entries.get(key);
        if (stale) return stale.doc;
        throw error;
      }
    }
    const slot = this.entries.get(key);
    if (slot) {
      // Re-inserting keeps the Map in least-recently-used order for eviction.
      this.entries.delete(key);
      this.entries.set(key, slot);
      return slot.doc;
    }
    // Requests join a render of the same generation only: one started before a change is not shared after it.
    const flight = `${this.generation}\n${key}`;
    let pending = this.rendering.get(flight);
    if (!pending) {
      pending = this.fill(key, render).finally(() => this.rendering.delete(flight));
      this.rendering.set(flight, pending);
    }
    return pending;
  }

  /**
   * The document at `key` when it can be served with no store call and no
   * waiting: cached, and the change counter read within `checkIntervalMs`.
   * Otherwise undefined (also for a cached "not found"), and the caller
   * takes the `get` path, which revalidates or renders.
   */
  peek(key: string): CachedDocument | undefined {
    if (this.now() - this.checkedAt >= this.checkIntervalMs) return undefined;
    return this.entries.get(key)?.doc;
  }

  /**
   * Makes the next request read the change counter again instead of
   * trusting the last read for `checkIntervalMs`: called after this
   * process's own writes, so whoever published sees it at once here.
   */
  revalidate(): void {
    this.revalidations++;
    this.checkedAt = Number.NEGATIVE_INFINITY;
    // A read already in flight may have started before the write: do not join it.
    this.checking = undefined;
  }

  /** How many documents are cached (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  private async fill(key: string, render: () => Promise<FeedDocument | undefined>): Promise<CachedDocument | undefined> {
    const generation = this.generation;
    const rendered = await render();
    const doc = rendered && this.prepare(rendered);
    // A change that landed while rendering may or may not be in `doc`: serve it, do not keep it.
    if (generation === this.generation) this.store(key, { doc, bytes: (doc?.body.byteLength ?? 0) + key.length });
    return doc;
  }

  private prepare(rendered: FeedDocument): CachedDocument {
    const body = Buffer.from(rendered.body, 'utf8');
    // Last-Modified must move forward when an item leaves a feed too, so it is at least the last listing change.
    const lastModified = this.changedAt && this.changedAt > rendered.lastModified ? this.changedAt : rendered.lastModified;
    return {
      body,
      contentType: rendered.contentType,
      etag: documentEtag(body),
      lastModified,
      lastModifiedHttp: new Date(lastModified).toUTCString(),
      ...(rendered.vary ? { vary: rendered.vary } : {}),
    };
  }

  private store(key: string, slot: Slot): void {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes;
    this.entries.set(key, slot);
    this.bytes += slot.bytes;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.bytes -= value.bytes;
    }
  }

  private check(): Promise<void> {
    this.checking ??= (async () => {
      const startedAt = this.now();
      const revalidations = this.revalidations;
      try {
        const { count, changedAt } = await this.readCounter();
        // Superseded by `revalidate`: this read may predate the write, so a newer one decides.
        if (revalidations !== this.revalidations) return;
        if (count !== this.generation) {
          this.entries.clear();
          this.bytes = 0;
          this.generation = count;
        }
        this.changedAt = changedAt;
        // Trusted from when the read started: a change after that is seen within one interval.
        this.checkedAt = startedAt;
      } finally {
        if (revalidations === this.revalidations) this.checking = undefined;
      }
    })();
    return this.checking;
  }
}
