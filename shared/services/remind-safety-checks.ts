import type { SafetyCheck } from '../domain/safety-check';
import { sendFirstMessages, sendReminders, type SafetyMessageDeps } from './safety-messages';

/** Checks handled per scheduler run; more wait for the next minute. */
const CHECKS_PER_RUN = 25;
/** How long one run sends before leaving the rest to the next (the scheduler function's timeout is longer). */
const RUN_SEND_MS = 40_000;
const MINUTE_MS = 60_000;

export interface ReminderRun {
  checks: number;
  firstMessages: number;
  reminded: number;
}

/** When reminder round `round` (1-based) of a check falls due. */
function roundDueAt(check: SafetyCheck, round: number): string {
  return new Date(Date.parse(check.createdAt) + round * check.reminderMinutes * MINUTE_MS).toISOString();
}

/**
 * The scheduler's `remind-safety-checks` task: for each check that is due,
 * sends the first messages the API had no time for, then, when a reminder
 * round has come, reminds every traveler who was asked and has not answered
 * (never one who answered), and files the check under its next round (or
 * none after the last). Safe to run twice at once: each message is claimed
 * per traveler and round before it is sent, and the check moves on with a
 * conditional write.
 */
export async function remindSafetyChecks(deps: SafetyMessageDeps): Promise<ReminderRun> {
  const now = deps.clock.now();
  const deadline = Date.now() + RUN_SEND_MS;
  const run: ReminderRun = { checks: 0, firstMessages: 0, reminded: 0 };
  for (const check of await deps.safetyChecks.dueReminders(now, CHECKS_PER_RUN)) {
    run.checks += 1;
    const responses = await deps.safetyChecks.responses(check.id);
    const first = await sendFirstMessages(deps, check, responses, deadline);
    run.firstMessages += first.sent;
    // Still sending the first messages: the check stays due for the next run.
    if (first.left) continue;
    const round = check.remindersSent + 1;
    if (round <= check.maxReminders && now >= roundDueAt(check, round)) {
      run.reminded += await sendReminders(deps, check, await deps.safetyChecks.responses(check.id), round);
      await deps.safetyChecks.advanceReminders(check, { remindersSent: round, ...(round < check.maxReminders ? { remindAt: roundDueAt(check, round + 1) } : {}) });
    } else {
      // Due early only for first messages: back to the round's own time, or out of the due list after the last.
      await deps.safetyChecks.advanceReminders(check, { remindersSent: check.remindersSent, ...(round <= check.maxReminders ? { remindAt: roundDueAt(check, round) } : {}) });
    }
  }
  return run;
}
