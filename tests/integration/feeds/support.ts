import { createApp } from '../../../functions/api/app';
import { needsApproval, type Kind } from '../../../shared/domain/publication-kind';
import { dynamoDeps } from '../../../functions/wiring/dynamo-deps';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client';
import { addPerson, call, makeHarness, type Harness } from '../../support/harness';

/** One DynamoDB command the app sent. */
export interface SentCommand {
  command: string;
  /** The partition key value of a Query, for telling listing partitions apart. */
  partition?: string;
}

/**
 * A harness whose DynamoDB ports all share one document client that records
 * every command it sends, plus a publisher and an approver of one
 * organization and helpers to publish and amend.
 */
export async function makeFeedHarness() {
  const base = await makeHarness();
  const sent: SentCommand[] = [];
  const db = createDocumentClient({ tableName: base.tableName, endpoint: base.endpoint });
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
      const partition = input.ExpressionAttributeValues?.[':pk'];
      sent.push({ command: String(context.commandName), ...(typeof partition === 'string' ? { partition } : {}) });
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  const deps = { ...base.deps, ...dynamoDeps(db, base.tableName, base.deps.clock, base.deps.ids) };
  const { app, routes } = createApp(deps);
  const h: Harness = { ...base, deps, app, routes };
  const publisher = await addPerson(h, 'publisher');
  const approver = await addPerson(h, 'publisher', publisher.org);

  async function publish(input: Record<string, unknown>): Promise<string> {
    const created = await call(h, 'POST', '/v1/publications', { key: publisher.key, body: input });
    if (created.status !== 201) throw new Error(`draft failed: ${created.status} ${created.text}`);
    const id = created.json.id as string;
    await release(id, input.kind as string);
    return id;
  }

  async function release(id: string, kind: string): Promise<void> {
    await call(h, 'POST', `/v1/publications/${id}/submit`, { key: publisher.key });
    if (needsApproval(kind as Kind)) {
      const approved = await call(h, 'POST', `/v1/publications/${id}/approve`, { key: approver.key });
      if (approved.status !== 200) throw new Error(`approve failed: ${approved.status} ${approved.text}`);
    }
    const published = await call(h, 'POST', `/v1/publications/${id}/publish`, { key: publisher.key });
    if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${published.text}`);
  }

  async function amend(id: string, kind: string, patch: Record<string, unknown>): Promise<void> {
    const current = await call(h, 'GET', `/v1/publications/${id}`, { key: publisher.key });
    const res = await call(h, 'PATCH', `/v1/publications/${id}`, { key: publisher.key, body: patch, headers: { 'if-match': current.headers.get('etag')! } });
    if (res.status !== 200) throw new Error(`amend failed: ${res.status} ${res.text}`);
    await release(id, kind);
  }

  return { h, sent, publisher, approver, publish, amend };
}

export type FeedHarness = Awaited<ReturnType<typeof makeFeedHarness>>;

/** Hostile text: Unicode, markup characters, quotes, entity look-alikes. */
export const HOSTILE_TITLE = 'Ünïcode «Nairobi» <b>bold</b> & "quotes" \'single\' &amp; 東京 🚨';
/** Markdown that tries to run script in every way a reader might execute it. */
export const HOSTILE_BODY = [
  'Stay alert & avoid <crowds>.',
  '<script>alert("x")</script>',
  '[click](javascript:alert(1)) and <img src=x onerror="alert(1)">',
  '<a href="https://evil.example" onclick="steal()">link</a> ]]> --> <!-- ',
].join('\n\n');
