/** A schedule as the dev route lists it. */
export interface ScheduleListing {
  name: string;
  description: string;
  /** When it runs in AWS, e.g. `rate(15 minutes)`. */
  expression: string;
}

/**
 * The topology's schedules, runnable on demand: local mode only (like the
 * outbox), so digests and held messages can be shown without waiting for
 * 08:00. `run` takes the instant the run sees as now; undefined for a
 * name that is no schedule.
 */
export interface DevSchedules {
  list(): ScheduleListing[];
  run(name: string, at?: string): Promise<Record<string, unknown> | undefined>;
}
