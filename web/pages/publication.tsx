import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { assessmentOf } from '../../shared/domain/assessment';
import { countryName } from '../../shared/domain/country';
import { assertNever } from '../../shared/domain/exhaustive';
import type { Version } from '../../shared/domain/publication';
import type { PublicationContent, Section } from '../../shared/domain/publication-content';
import { KIND_LABELS } from '../../shared/domain/publication-kind';
import { regionName } from '../../shared/domain/region';
import type { Sharing } from '../../shared/domain/sharing';
import { renderMarkdown } from '../../shared/formats/markdown';
import { IndicatorBadges, LevelBadge } from '../components/advisory';
import { EventWindow, localPlaceOf, Time } from '../components/format';
import { Layout } from '../components/layout';
import { AreaLevelsTable, PlaceSection } from '../components/places';
import { VersionHistory } from '../components/version-list';
import { ExposurePanel, type Exposure } from '../components/exposure-panel';

/** What the page shows: the latest published version, or an owner's unpublished working copy. */
export interface PublicationPageProps {
  content: PublicationContent;
  /** The version shown; absent for a working copy never published. */
  version?: Version | undefined;
  history: readonly Version[];
  /** Set when the item is archived, expired or superseded. */
  ended?: string | undefined;
  /** For a signed-in member: the organization's travelers exposed to the published version. */
  exposure?: Exposure | undefined;
}

/**
 * The sharing level as a banner. Anything above CLEAR says plainly who may
 * see it, since a reader who copies it elsewhere is the last line of the TLP.
 */
export function SharingBanner({ sharing }: { sharing: Sharing }) {
  if (sharing === 'TLP:GREEN')
    return (
      <p class="tlp tlp-green" role="note">
        <strong>TLP:GREEN</strong> – Limited disclosure: for member organizations of Outpost and their staff only. Do not publish it or share it outside that community.
      </p>
    );
  if (sharing === 'TLP:AMBER')
    return (
      <p class="tlp tlp-amber" role="note">
        <strong>TLP:AMBER</strong> – Limited disclosure: only for the organizations named by the publisher, on a need-to-know basis. Do not share it further.
      </p>
    );
  return (
    <p class="tlp" role="note">
      <strong>TLP:CLEAR</strong> – Public: may be shared freely.
    </p>
  );
}

function Sections({ sections }: { sections: readonly Section[] }) {
  return (
    <>
      {sections.map((s) => (
        <section>
          <h2>{s.heading}</h2>
          <div class="body">{raw(renderMarkdown(s.body))}</div>
        </section>
      ))}
    </>
  );
}

function ExternalLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

/** Each kind's own fields, as a definition list or sections. */
function KindDetails({ content }: { content: PublicationContent }) {
  switch (content.kind) {
    case 'travel-advisory':
      return (
        <>
          <p>
            <LevelBadge level={content.level} />
          </p>
          <h2>Risk indicators</h2>
          <IndicatorBadges indicators={content.indicators} />
          <AreaLevelsTable levels={content.areaLevels} />
        </>
      );
    case 'security-alert':
      return (
        <>
          <dl class="facts">
            {content.alertType ? (
              <>
                <dt>Type</dt>
                <dd>{content.alertType.replace('-', ' ')}</dd>
              </>
            ) : null}
            {content.places && content.places.length > 0 ? (
              <>
                <dt>Places</dt>
                <dd>{content.places.join('; ')}</dd>
              </>
            ) : null}
            {content.eventStart || content.eventEnd ? (
              <>
                <dt>When</dt>
                <dd>
                  <EventWindow start={content.eventStart} end={content.eventEnd} place={localPlaceOf(content.countries)} />
                </dd>
              </>
            ) : null}
          </dl>
          <h2>Actions to take</h2>
          <ul>
            {content.actions.map((a) => (
              <li>{a}</li>
            ))}
          </ul>
          {content.assistance && content.assistance.length > 0 ? (
            <>
              <h2>Assistance</h2>
              <ul>
                {content.assistance.map((a) => (
                  <li>
                    {a.name}
                    {a.phone ? <> – phone <a href={`tel:${a.phone.replace(/[^+0-9]/g, '')}`}>{a.phone}</a></> : null}
                    {a.email ? <> – email <a href={`mailto:${a.email}`}>{a.email}</a></> : null}
                    {a.url ? <> – <ExternalLink href={a.url}>{a.url}</ExternalLink></> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      );
    case 'country-report':
      return (
        <>
          <p class="meta">Report year: {content.year}</p>
          <Sections sections={content.sections} />
        </>
      );
    case 'special-report':
      return (
        <>
          {content.topics && content.topics.length > 0 ? <p class="meta">Topics: {content.topics.join(', ')}</p> : null}
          <Sections sections={content.sections ?? []} />
        </>
      );
    case 'announcement':
      return content.link ? (
        <p>
          More information: <ExternalLink href={content.link}>{content.link}</ExternalLink>
        </p>
      ) : null;
    case 'anniversary':
      return (
        <dl class="facts">
          <dt>Date of the event</dt>
          <dd>
            <time datetime={content.date}>{content.date}</time>
          </dd>
          <dt>Why it matters</dt>
          <dd>{content.significance}</dd>
        </dl>
      );
    case 'group-profile':
      return (
        <dl class="facts">
          <dt>Aliases</dt>
          <dd>{content.aliases.length > 0 ? content.aliases.join('; ') : 'None known'}</dd>
          <dt>Areas of operation</dt>
          <dd>{content.areasOfOperation.length > 0 ? content.areasOfOperation.join('; ') : 'Not stated'}</dd>
          <dt>Designations</dt>
          <dd>{content.designations.length > 0 ? content.designations.join(', ') : 'None'}</dd>
          {content.designatedOn ? (
            <>
              <dt>Designated on</dt>
              <dd>
                <time datetime={content.designatedOn}>{content.designatedOn}</time>
              </dd>
            </>
          ) : null}
        </dl>
      );
    case 'press-summary':
      return (
        <dl class="facts">
          <dt>Outlet</dt>
          <dd>{content.outlet}</dd>
          <dt>Language</dt>
          <dd>{content.language}</dd>
          {content.articleDate ? (
            <>
              <dt>Article date</dt>
              <dd>
                <time datetime={content.articleDate}>{content.articleDate}</time>
              </dd>
            </>
          ) : null}
          <dt>Original article</dt>
          <dd>
            <ExternalLink href={content.link}>{content.link}</ExternalLink>
          </dd>
        </dl>
      );
    default:
      return assertNever(content, 'kind');
  }
}

/**
 * A publication's content as the public page shows it: sharing banner,
 * kind, title, countries, summary, each kind's own fields (level badge,
 * indicators, places, event times, actions, contacts …) and the body. The
 * console's preview and review render this same template, so an approver
 * sees exactly what will be published. `titleAs` lets a page that has its
 * own h1 show the title as a headline; `afterLead` goes below the summary.
 */
export function PublicationArticle({ content, version, titleAs = 'h1', afterLead }: { content: PublicationContent; version?: Version | undefined; titleAs?: 'h1' | 'p'; afterLead?: Child }) {
  // A working copy is judged as if published now, as it would be.
  const assessment = assessmentOf(content, version?.publishedAt ?? new Date().toISOString());
  return (
    <>
      <SharingBanner sharing={content.sharing} />
      <span class="kind">{KIND_LABELS[content.kind]}</span>
      {titleAs === 'h1' ? <h1>{content.title}</h1> : <p class="preview-headline">{content.title}</p>}
      <p class="meta">
        {version ? (
          <>
            Published <Time iso={version.publishedAt} withTime place={localPlaceOf(content.countries)} /> · version {version.version}
            {' · '}
          </>
        ) : null}
        {'Countries: '}
        {content.countries.map((cc, i) => (
          <>
            {i > 0 ? ', ' : ''}
            <a href={`/countries/${cc}`}>{countryName(cc) ?? cc}</a>
          </>
        ))}
        {version && version.regions.length > 0 ? ` · ${version.regions.map(regionName).join(', ')}` : ''}
      </p>
      <p class="meta assessment">
        Urgency: <strong>{assessment.urgency}</strong> · Severity: <strong>{assessment.severity}</strong>
      </p>
      <p class="lead">{content.summary}</p>
      {afterLead ?? null}
      <KindDetails content={content} />
      <PlaceSection content={content} />
      {content.body.trim() ? (
        <>
          <h2>Details</h2>
          <div class="body">{raw(renderMarkdown(content.body))}</div>
        </>
      ) : null}
    </>
  );
}

/** One publication as the viewer may see it, with its sharing banner and history. */
export function PublicationPage({ content, version, history, ended, exposure }: PublicationPageProps) {
  return (
    <Layout title={content.title}>
      {version ? null : (
        <p class="notice" role="note">
          This is an unpublished working copy, visible only to its publishing organization.
        </p>
      )}
      {ended ? (
        <p class="notice" role="note">
          {ended}
        </p>
      ) : null}
      <PublicationArticle content={content} version={version} afterLead={exposure ? <ExposurePanel exposure={exposure} /> : undefined} />
      {history.length > 0 ? (
        <>
          <h2>Version history</h2>
          <VersionHistory versions={history} caption="Versions of this publication, newest first" />
        </>
      ) : null}
    </Layout>
  );
}
