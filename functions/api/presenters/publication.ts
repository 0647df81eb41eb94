import { assessmentOf } from '../../../shared/domain/assessment';
import { countryName } from '../../../shared/domain/country';
import { regionsOf } from '../../../shared/domain/country';
import type { PublicationContent } from '../../../shared/domain/publication-content';
import { statusOf, type PublicationHead, type Version } from '../../../shared/domain/publication';
import type { PublicationView } from '../../../shared/services/read-publications';

/** The JSON shape of one published version in lists and feeds of the API. */
export function presentVersion(version: Version, baseUrl: string): Record<string, unknown> {
  return {
    id: version.id,
    ...contentFields(version.content),
    // The publisher's urgency and severity, or the kind's defaults: always present on a published version.
    ...assessmentOf(version.content, version.publishedAt),
    regions: version.regions,
    organization: version.orgId,
    version: version.version,
    changeNote: version.changeNote,
    major: version.major,
    publishedAt: version.publishedAt,
    links: links(version.id, baseUrl),
  };
}

function contentFields(content: PublicationContent): Record<string, unknown> {
  const { recipients, ...rest } = content;
  return { ...rest, countryNames: content.countries.map(countryName), ...(content.sharing === 'TLP:AMBER' ? { recipients: recipients ?? [] } : {}) };
}

function links(id: string, baseUrl: string): Record<string, string> {
  return {
    self: `${baseUrl}/v1/publications/${id}`,
    versions: `${baseUrl}/v1/publications/${id}/versions`,
    page: `${baseUrl}/publications/${id}`,
  };
}

/**
 * One publication as the viewer may see it: the latest published version,
 * plus the working copy and workflow for its own organization.
 */
export function presentPublication(view: PublicationView, baseUrl: string): Record<string, unknown> {
  const { head, version, owner } = view;
  const base = version
    ? presentVersion(version, baseUrl)
    : {
        id: head.id,
        ...(head.working ? contentFields(head.working.content) : {}),
        regions: head.working ? regionsOf(head.working.content.countries) : [],
        organization: head.orgId,
        version: null,
        links: links(head.id, baseUrl),
      };
  const out: Record<string, unknown> = {
    ...base,
    status: statusOf(head),
    createdAt: head.createdAt,
    updatedAt: head.updatedAt,
    firstPublishedAt: head.firstPublishedAt ?? null,
  };
  if (head.endedAt) out.endedAt = head.endedAt;
  if (head.supersededBy) out.supersededBy = head.supersededBy;
  if (owner && head.archiveRequest) out.archiveRequest = head.archiveRequest;
  if (owner && head.restoreRequest) out.restoreRequest = head.restoreRequest;
  if (owner && head.working) out.workflow = presentWorking(head);
  return out;
}

function presentWorking(head: PublicationHead): Record<string, unknown> {
  const working = head.working!;
  return {
    stage: working.stage,
    nextVersion: (head.current?.version ?? 0) + 1,
    content: head.current ? contentFields(working.content) : undefined,
    changeNote: working.changeNote ?? null,
    major: working.major ?? null,
    editors: working.editors,
    submittedBy: working.submittedBy ?? null,
    approvedBy: working.approvedBy ?? null,
    publishAt: working.publishAt ?? null,
    returned: working.returned ?? null,
    updatedAt: working.updatedAt,
  };
}
