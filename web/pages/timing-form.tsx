import { getTimeZones } from '@vvo/tzdb';
import { MinSeveritySchema, type Subscription } from '../../shared/domain/subscription';
import { CHANNELS, type Channel } from '../../shared/domain/channel';
import { timingOf } from '../../shared/domain/delivery-timing';
import { ChoiceGroup, SelectField, TextField, type FieldErrors } from '../components/form';
import type { FormValues } from './publication-form';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

/** The labels of the timing and severity fields, for the error summary. */
export const TIMING_LABELS: Record<string, string> = {
  frequency: 'How often',
  timeZone: 'Your time zone',
  quietHours: 'Quiet hours',
  minSeverity: 'Least severe items to receive',
};

/**
 * The time zones offered, from the maintained tz database package: one
 * entry per group of zones that keep the same time, labelled with its
 * offset and main cities, sorted by offset. A zone of a subscription that
 * is not a group's main name is added, so editing never changes it silently.
 */
function zoneOptions(current: string): { value: string; label: string }[] {
  const zones = getTimeZones().map((z) => ({ value: z.name, label: z.currentTimeFormat }));
  const options = [{ value: 'UTC', label: 'UTC (Coordinated Universal Time)' }, ...zones];
  return options.some((o) => o.value === current) ? options : [{ value: current, label: current }, ...options];
}

/** Frequency, time zone, quiet hours and minimum severity, as far as `channels` offer them (all: the subscribe form, one: the manage page). */
export function TimingFields({ values, errors, channels }: { values: FormValues; errors: FieldErrors; channels: readonly Channel[] }) {
  const digests = channels.some((c) => CHANNELS[c].timing.digests);
  const quiet = channels.some((c) => CHANNELS[c].timing.quietHours);
  const timeZone = one(values.timeZone) || 'UTC';
  return (
    <>
      <SelectField
        name="minSeverity"
        label="Least severe items to receive"
        hint="Severity as the publisher rates it (CAP): Minor, Moderate, Severe, Extreme."
        errors={errors.minSeverity}
        value={one(values.minSeverity)}
        options={[{ value: '', label: 'Every severity' }, ...MinSeveritySchema.options.map((s) => ({ value: s, label: `${s} and above` }))]}
      />
      {digests ? (
        <ChoiceGroup
          name="frequency"
          label="How often"
          hint={channels.length > 1 ? 'Daily and weekly digests are sent by email only, at 08:00 your time (weekly: on Mondays).' : 'Digests go out at 08:00 your time (weekly: on Mondays).'}
          type="radio"
          errors={errors.frequency}
          checked={[one(values.frequency) || 'immediate']}
          options={[
            { value: 'immediate', label: 'Each alert as it is published' },
            { value: 'daily', label: 'A daily digest' },
            { value: 'weekly', label: 'A weekly digest' },
          ]}
        />
      ) : null}
      {digests || quiet ? <SelectField name="timeZone" label="Your time zone" hint="For digests and quiet hours. Type to search the list." errors={errors.timeZone} value={timeZone} options={zoneOptions(timeZone)} /> : null}
      {quiet ? (
        <fieldset class={errors.quietHours ? 'field has-error' : 'field'} id="f-quietHours">
          <legend>
            Quiet hours<span class="optional"> (optional)</span>
          </legend>
          <p class="hint">Alerts that arrive in these hours wait until they end, unless they are Extreme or need action now. Leave both empty for none.</p>
          {errors.quietHours ? <p class="field-error">{errors.quietHours.join(' ')}</p> : null}
          <TextField name="quietFrom" label="From" type="time" value={one(values.quietFrom)} width="short" />
          <TextField name="quietTo" label="Until" type="time" value={one(values.quietTo)} width="short" />
        </fieldset>
      ) : null}
      <input type="hidden" name="timingFields" value={channels.join(' ')} />
    </>
  );
}

/**
 * The timing and severity fields of a posted form, as the API takes them:
 * only those the form showed (for the channels it names in
 * `timingFields`), so the schema of the channel chosen judges them (a
 * digest asked for by SMS is refused in words). Empty quiet hours clear
 * them when `clearing` (the manage form); a half-filled pair is passed on
 * for the schema to name.
 */
export function timingInput(values: FormValues, clearing: boolean): Record<string, unknown> {
  const shown = one(values.timingFields).split(' ').filter((c): c is Channel => c in CHANNELS);
  if (shown.length === 0) return {};
  const capabilities = { digests: shown.some((c) => CHANNELS[c].timing.digests), quietHours: shown.some((c) => CHANNELS[c].timing.quietHours) };
  const from = one(values.quietFrom);
  const to = one(values.quietTo);
  const input: Record<string, unknown> = {};
  if (one(values.minSeverity)) input.minSeverity = one(values.minSeverity);
  if (capabilities.digests && one(values.frequency)) input.frequency = one(values.frequency);
  if ((capabilities.digests || capabilities.quietHours) && one(values.timeZone)) input.timeZone = one(values.timeZone);
  if (capabilities.quietHours && (from || to)) input.quietHours = { from, to };
  else if (capabilities.quietHours && clearing) input.quietHours = null;
  return input;
}

/** The form values a subscription's timing and severity stand for. */
export function timingValues(subscription: Subscription): FormValues {
  const timing = timingOf(subscription);
  return {
    frequency: timing.frequency,
    timeZone: timing.timeZone,
    quietFrom: timing.quietHours?.from ?? '',
    quietTo: timing.quietHours?.to ?? '',
    minSeverity: subscription.filters.minSeverity ?? '',
  };
}
