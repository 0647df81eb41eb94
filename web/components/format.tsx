import { countryDetails, type CountryDetails } from '../../shared/domain/country-details';

/** A calendar date for people, from an ISO instant: "2026-05-04". */
function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

/** An instant for people, in UTC so every reader sees the same text: "2026-05-04 14:00 UTC". */
function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Where a publication's times are shown in local time: one country's zone. */
export type LocalPlace = { code: string } & Pick<CountryDetails, 'timeZone' | 'capitals' | 'severalTimeZones'>;

/**
 * The place whose local time a publication's times are shown in: its
 * country, or its countries when they all keep the same zone; none (UTC
 * alone) otherwise, or where the country's time is UTC's stand-in.
 */
export function localPlaceOf(countries: readonly string[]): LocalPlace | undefined {
  const found = countries.map((code) => countryDetails(code));
  const first = found[0];
  if (!first || first.timeZone === 'UTC' || found.some((c) => c?.timeZone !== first.timeZone)) return undefined;
  return { code: countries[0]!, ...first };
}

/**
 * "2026-05-04 14:00 EAT" in the place's zone. The locale `en-<country>` makes
 * ICU use the abbreviation people there use (EAT, WAT, IST); where it has
 * none, the offset ("GMT+3").
 */
function formatLocal(d: Date, place: LocalPlace): string {
  let locale = `en-${place.code}`;
  try {
    new Intl.DateTimeFormat(locale);
  } catch {
    locale = 'en';
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(locale, { timeZone: place.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/**
 * An instant in the place's local time beside UTC: "2026-05-04 14:00 EAT
 * (11:00 UTC)", the UTC date repeated only when it differs. For a country
 * with several zones the capital's is used, and said.
 */
export function localAndUtc(iso: string, place: LocalPlace): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const local = formatLocal(d, place);
  const utc = d.toISOString();
  const utcText = utc.slice(0, 10) === local.slice(0, 10) ? `${utc.slice(11, 16)} UTC` : `${utc.slice(0, 16).replace('T', ' ')} UTC`;
  const capital = place.severalTimeZones && place.capitals[0] ? ` ${place.capitals[0]} time` : '';
  return `${local}${capital} (${utcText})`;
}

/** A `<time>` element carrying the machine-readable instant; with a place, its local time beside UTC. */
export function Time({ iso, withTime = false, place }: { iso: string; withTime?: boolean; place?: LocalPlace | undefined }) {
  return <time datetime={iso}>{withTime ? (place ? localAndUtc(iso, place) : formatInstant(iso)) : formatDate(iso)}</time>;
}

/** "From … to …", "From …", or "Until …" for an event window; null when there is none. */
export function EventWindow({ start, end, place }: { start?: string | undefined; end?: string | undefined; place?: LocalPlace | undefined }) {
  if (start && end)
    return (
      <>
        <Time iso={start} withTime place={place} /> to <Time iso={end} withTime place={place} />
      </>
    );
  if (start)
    return (
      <>
        From <Time iso={start} withTime place={place} />
      </>
    );
  if (end)
    return (
      <>
        Until <Time iso={end} withTime place={place} />
      </>
    );
  return null;
}
