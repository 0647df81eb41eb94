import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { powertoolsMetrics } from '../../../shared/adapters/powertools/emf-metrics';
import { lambdaObservability } from '../../../shared/adapters/powertools/lambda-observability';
import { asyncCorrelation } from '../../../shared/adapters/system/correlation-scope';
import { jsonLogger } from '../../../shared/adapters/system/json-logger';
import { logMetrics } from '../../../shared/adapters/system/log-metrics';
import { recordDeliveryWork } from '../../../shared/services/record-delivery-metrics';

const CONTEXT = {
  functionName: 'outpost-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:outpost-test',
  memoryLimitInMB: '256',
  awsRequestId: 'req-observability-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

/** Every JSON line written to stdout while `work` runs (Powertools writes through process.stdout). */
async function linesOf(work: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe('Powertools observability behind the ports', () => {
  it('logs JSON with the invocation request id and the correlation id of the work under way', async () => {
    const observability = lambdaObservability('outpost-test');
    const lines = await linesOf(() =>
      observability.invocation(CONTEXT, () => asyncCorrelation.run('corr-obs-1', async () => observability.logger.info('delivery work done', { sent: 3 }))),
    );
    const line = lines.find((l) => l.message === 'delivery work done');
    expect(line).toMatchObject({ level: 'INFO', service: 'outpost-test', correlationId: 'corr-obs-1', sent: 3, function_request_id: 'req-observability-1' });
  });

  it('publishes the invocation metrics in the embedded metric format, one document per set of dimensions', async () => {
    const observability = lambdaObservability('outpost-test', { metrics: powertoolsMetrics('outpost-test', 'OutpostTest') });
    const lines = await linesOf(() =>
      observability.invocation(CONTEXT, async () => {
        recordDeliveryWork(observability.metrics, 'email', { parts: 0, chunks: 1, matched: 6, sent: 5, failed: 1, retrying: 0, deadLettered: 0, held: 0, continued: false, retry: false }, { publishedAt: '2026-11-30T10:00:00.000Z', startedAt: Date.parse('2026-11-30T10:00:01.000Z'), finishedAt: Date.parse('2026-11-30T10:00:03.000Z') });
      }),
    );
    const emf = lines.filter((l) => l._aws !== undefined);
    const sent = emf.find((l) => l.outcome === 'sent');
    expect(sent).toMatchObject({ service: 'outpost-test', channel: 'email', outcome: 'sent', Deliveries: 5 });
    expect(emf.find((l) => l.outcome === 'failed')).toMatchObject({ Deliveries: 1 });
    const timings = emf.find((l) => l.outcome === undefined && l.channel === 'email');
    expect(timings).toMatchObject({ FanOutWorkDuration: 2000, PublishToDeliveryLatency: 3000 });
    expect(JSON.stringify(emf)).toContain('"Namespace":"OutpostTest"');
  });

  it('locally, metrics are log lines and every line carries the correlation id', async () => {
    const written: string[] = [];
    const logger = jsonLogger({ service: 'outpost-local' }, (line) => written.push(line));
    await asyncCorrelation.run('corr-local-1', async () => logMetrics(logger).count('Deliveries', 2, { channel: 'sms', outcome: 'sent' }));
    expect(JSON.parse(written[0]!)).toMatchObject({ message: 'metric', metric: 'Deliveries', value: 2, channel: 'sms', outcome: 'sent', correlationId: 'corr-local-1' });
  });
});
