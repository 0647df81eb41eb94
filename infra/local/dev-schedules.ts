import { scheduleExpression, topology } from '../../shared/topology';
import type { DevSchedules } from '../../shared/ports/dev-schedules';
import type { SchedulerTaskResult } from '../../functions/scheduler/handler';

/** The topology's schedules over the scheduler handler the local timers fire, for the dev schedule routes. */
export function localDevSchedules(scheduler: (event: unknown) => Promise<SchedulerTaskResult>): DevSchedules {
  return {
    list: () => topology.schedules.map((s) => ({ name: s.name, description: s.description, expression: scheduleExpression(s.timing) })),
    async run(name, at) {
      const schedule = topology.schedules.find((s) => s.name === name);
      if (!schedule) return undefined;
      return { ...(await scheduler({ ...schedule.input, ...(at ? { at } : {}) })) };
    },
  };
}
