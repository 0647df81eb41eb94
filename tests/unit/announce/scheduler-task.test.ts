import { describe, expect, it } from 'vitest';
import { schedulerHandler, type SchedulerDeps } from '../../../functions/scheduler/handler';
import { silentLogger } from '../../../shared/adapters/system/json-logger';
import { topology } from '../../../shared/topology';

/** Scheduler deps whose store only answers `due`, recording which queues were asked. */
function deps(extra: Partial<SchedulerDeps> = {}) {
  const asked: string[] = [];
  const value = {
    publications: { due: async (kind: string) => (asked.push(kind), []) },
    clock: { now: () => '2026-01-02T03:04:05.000Z' },
    logger: silentLogger,
    ...extra,
  } as unknown as SchedulerDeps;
  return { value, asked };
}

describe('the scheduler handler', () => {
  it('runs only the task each schedule of the topology names', async () => {
    for (const schedule of topology.schedules.filter((s) => s.input.task !== 'reconcile-sms-opt-outs')) {
      const { value, asked } = deps();
      expect(await schedulerHandler(value)(schedule.input)).toMatchObject({ task: schedule.input.task, published: [], expired: [] });
      expect(asked).toEqual([schedule.input.task === 'publish-scheduled' ? 'publish' : 'expire']);
    }
  });

  it('says plainly that SMS opt-out reconciliation is skipped when nothing provides it', async () => {
    const { value, asked } = deps();
    expect(await schedulerHandler(value)({ task: 'reconcile-sms-opt-outs' })).toMatchObject({ skipped: 'no reconciliation wired' });
    expect(asked).toEqual([]);
  });

  it('calls the SMS opt-out reconciliation when the channel provides one', async () => {
    let ran = 0;
    const { value } = deps({ reconcileSmsOptOuts: async () => void (ran += 1) });
    await schedulerHandler(value)({ task: 'reconcile-sms-opt-outs' });
    expect(ran).toBe(1);
  });

  it('refuses an event without a known task', async () => {
    const { value } = deps();
    await expect(schedulerHandler(value)({})).rejects.toThrow();
    await expect(schedulerHandler(value)({ task: 'reindex' })).rejects.toThrow();
  });
});
