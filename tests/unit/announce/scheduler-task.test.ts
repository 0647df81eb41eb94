import { describe, expect, it } from 'vitest';
import { schedulerHandler, type SchedulerDeps } from '../../../functions/scheduler/handler';
import { memorySmsOptOuts } from '../../../shared/adapters/outbox/memory-sms-opt-outs';
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
    for (const schedule of topology.schedules.filter((s) => s.input.task === 'publish-scheduled' || s.input.task === 'expire-publications')) {
      const { value, asked } = deps();
      expect(await schedulerHandler(value)(schedule.input)).toMatchObject({ task: schedule.input.task, published: [], expired: [] });
      expect(asked).toEqual([schedule.input.task === 'publish-scheduled' ? 'publish' : 'expire']);
    }
  });

  it('reconciles SMS opt-outs on its own task, touching no publication', async () => {
    const smsOptOuts = memorySmsOptOuts();
    smsOptOuts.optOut('+254712345678');
    smsOptOuts.optOut('not a number');
    const looked: string[] = [];
    const { value, asked } = deps({ smsOptOuts, subscriptions: { listByAddress: async (address: string) => (looked.push(address), []) } as unknown as SchedulerDeps['subscriptions'] });
    expect(await schedulerHandler(value)({ task: 'reconcile-sms-opt-outs' })).toEqual({
      task: 'reconcile-sms-opt-outs',
      published: [],
      expired: [],
      smsOptOuts: { optedOut: 2, suspended: 0, unreadable: 1 },
    });
    expect(looked).toEqual(['+254712345678']);
    expect(asked).toEqual([]);
  });

  it('sends safety-check reminders on their own task, touching no publication', async () => {
    const looked: string[] = [];
    const safetyChecks = { dueReminders: async (now: string) => (looked.push(now), []) };
    const { value, asked } = deps({ safetyMessages: { safetyChecks, clock: { now: () => '2026-01-02T03:04:05.000Z' } } as unknown as SchedulerDeps['safetyMessages'] });
    expect(await schedulerHandler(value)({ task: 'remind-safety-checks' })).toEqual({ task: 'remind-safety-checks', published: [], expired: [], safetyChecks: { checks: 0, firstMessages: 0, reminded: 0 } });
    expect(looked).toEqual(['2026-01-02T03:04:05.000Z']);
    expect(asked).toEqual([]);
  });

  it('refuses an event without a known task', async () => {
    const { value } = deps();
    await expect(schedulerHandler(value)({})).rejects.toThrow();
    await expect(schedulerHandler(value)({ task: 'reindex' })).rejects.toThrow();
  });
});
