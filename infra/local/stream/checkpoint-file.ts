/**
 * Where the local stream poller keeps its per-shard checkpoints between runs
 * of `npm start -- --persist`, as the Lambda event source mapping keeps its
 * position in AWS: one small JSON file beside DynamoDB Local's data,
 * `{"streamArn": "…", "shards": {"<shardId>": "<last sequence number handled>"}}`.
 *
 * Writes are atomic (a synced temporary file renamed over the old one), so a
 * crash leaves the previous checkpoint or the new one, never half of one. A
 * checkpoint may lag the records actually handled (it is written after
 * them); the announce step is idempotent, so reading a few records again
 * after a restart is harmless.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import type { Logger } from '../../../shared/ports/logger';

/** Per-shard checkpoints of one stream: shard id → the last sequence number handled. */
export type Checkpoints = Readonly<Record<string, string>>;

/** Saves and loads a stream's checkpoints. */
export interface CheckpointStore {
  /**
   * The checkpoints saved for this stream, or undefined when none ever were
   * (a first start, or a file left by another table's stream). An empty
   * object means the store exists but names no shard: read them all from
   * TRIM_HORIZON.
   */
  load(streamArn: string): Promise<Checkpoints | undefined>;
  save(streamArn: string, checkpoints: Checkpoints): Promise<void>;
}

const CheckpointFileSchema = z.object({
  streamArn: z.string().min(1),
  shards: z.record(z.string().min(1), z.string().regex(/^\d+$/)),
});

/**
 * A checkpoint store in one file at `path`.
 *
 * @example
 * const poller = createStreamPoller({ client, streamArn, handler, checkpointStore: checkpointFile('.data/stream-checkpoints.json') });
 */
export function checkpointFile(path: string, logger?: Logger): CheckpointStore {
  return {
    async load(streamArn) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      const parsed = CheckpointFileSchema.safeParse(parseJson(text));
      if (!parsed.success) {
        // Reading every shard again is safe (announcing is idempotent); skipping to LATEST could lose announcements.
        logger?.warn('stream checkpoint file unreadable; reading every shard from TRIM_HORIZON', { path });
        return {};
      }
      return parsed.data.streamArn === streamArn ? parsed.data.shards : undefined;
    },
    async save(streamArn, checkpoints) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      const file = await open(temporary, 'w', 0o600);
      try {
        await file.writeFile(`${JSON.stringify({ streamArn, shards: checkpoints }, null, 2)}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, path);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
