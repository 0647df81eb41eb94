import { raw } from 'hono/html';
import type { Version } from '../../shared/domain/publication';
import { regionName } from '../../shared/domain/region';
import { FEED_FORMAT_NAMES, FEED_FORMATS } from '../../shared/formats/feed-formats';
import { renderMarkdown } from '../../shared/formats/markdown';
import type { CountryDetail } from '../../shared/services/read-countries';
import { IndicatorBadges, LevelBadge } from '../components/advisory';
import { Time } from '../components/format';
import { Layout } from '../components/layout';
import { AreaLevelsTable } from '../components/places';
import { PublicationList, VersionHistory } from '../components/version-list';

/**
 * A country's page: its current travel advisory in words (level and
 * indicators as text), the advisory's history, recent items the viewer may
 * see, and where to follow the country by feed or subscription.
 */
export function CountryPage({ detail, history }: { detail: CountryDetail; history: readonly Version[] }) {
  const { country, advisory } = detail;
  const cc = country.code;
  const feeds = FEED_FORMAT_NAMES.map((format) => {
    const spec = FEED_FORMATS[format];
    return { type: spec.mediaType, href: `/feeds/countries/${cc}.${format}`, title: `${country.name} (${spec.label})`, linkText: spec.linkText };
  });
  const content = advisory?.content.kind === 'travel-advisory' ? advisory.content : undefined;
  const others = detail.recent.filter((v) => v.id !== advisory?.id);
  return (
    <Layout title={country.name} alternates={feeds}>
      <h1>{country.name}</h1>
      <p class="meta">Region: {regionName(country.region)}</p>
      <p>
        <a class="button" href={`/subscribe?country=${cc}`} id="get-alerts">{`Get alerts for ${country.name}`}</a>
      </p>

      <h2>Travel advisory</h2>
      {advisory && content ? (
        <section aria-labelledby="advisory-title">
          <p>
            <LevelBadge level={content.level} />
          </p>
          <h3 id="advisory-title">
            <a href={`/publications/${advisory.id}`}>{content.title}</a>
          </h3>
          <p class="meta">
            Updated <Time iso={advisory.publishedAt} /> · version {advisory.version}
          </p>
          <h3>Risk indicators</h3>
          <IndicatorBadges indicators={content.indicators} />
          <AreaLevelsTable levels={content.areaLevels} headingLevel="h3" />
          <h3>Summary</h3>
          <p>{content.summary}</p>
          <div class="body">{raw(renderMarkdown(content.body))}</div>
          {history.length > 0 ? <VersionHistory versions={history} caption="Advisory version history" /> : null}
        </section>
      ) : (
        <p>There is no travel advisory for {country.name}.</p>
      )}

      <h2>Recent publications</h2>
      {others.length === 0 ? <p>Nothing else has been published for {country.name} recently.</p> : <PublicationList items={others} />}

      <h2>Follow {country.name}</h2>
      <ul class="links">
        <li>
          <a href={`/subscribe?country=${cc}`}>Subscribe to email or SMS alerts for {country.name}</a>
        </li>
        {feeds.map((f) => (
          <li>
            <a href={f.href} type={f.type}>
              {f.linkText}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
