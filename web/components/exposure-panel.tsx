import { countryName } from '../../shared/domain/country';
import type { ExposedTraveler } from '../../shared/services/read-exposure';
import { CsrfField } from './account';
import { TextArea } from './form';

export interface Exposure {
  publicationId: string;
  window: { from: string; to: string };
  countries: readonly string[];
  travelers: readonly ExposedTraveler[];
}

function countriesText(codes: readonly string[]): string {
  const names = codes.map((cc) => countryName(cc) ?? cc);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/**
 * On a publication's page, for a signed-in member: how many of the
 * organization's travelers are in its countries during its window, who,
 * and a form that asks them all "are you safe?".
 */
export function ExposurePanel({ exposure }: { exposure: Exposure }) {
  const { travelers } = exposure;
  const where = countriesText(exposure.countries);
  const headline =
    travelers.length === 0
      ? `None of your travelers is in ${where} during this alert.`
      : `${travelers.length} of your travelers ${travelers.length === 1 ? 'is' : 'are'} in ${where} during this alert.`;
  return (
    <section class="exposure-panel" aria-labelledby="exposure-title" id="exposure">
      <h2 id="exposure-title">Your travelers</h2>
      <p class="lead" data-exposure-count={String(travelers.length)}>
        {headline}
      </p>
      <p class="meta">{`From ${exposure.window.from} to ${exposure.window.to}, from the trips your organization registered.`}</p>
      {travelers.length > 0 ? (
        <>
          <ul class="exposed-travelers">
            {travelers.map((t) => (
              <li>
                {`${t.name}: `}
                {t.segments.map((s) => `${s.city ? `${s.city}, ` : ''}${countryName(s.country) ?? s.country} ${s.from} to ${s.to}`).join('; ')}
              </li>
            ))}
          </ul>
          <form method="post" action="/portal/safety-checks" class="safety-check-form">
            <CsrfField />
            <input type="hidden" name="publicationId" value={exposure.publicationId} />
            <TextArea name="message" label="Ask them whether they are safe" hint="Sent by email and SMS with a one-tap answer link; SMS replies SAFE or HELP count too." required rows={3} value="Are you safe? Please answer with one tap." />
            <button type="submit" class="button">
              Start a safety check
            </button>
          </form>
        </>
      ) : (
        <p>
          <a href="/portal/travelers">Register travelers and trips</a> to see who is exposed to alerts.
        </p>
      )}
    </section>
  );
}
