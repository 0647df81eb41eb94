import { levelOf, type Version } from './publication';

/** The travel advisory currently in force for one country. */
export interface AdvisoryPointer {
  country: string;
  publicationId: string;
  level: number;
  version: number;
  title: string;
  updatedAt: string;
}

/**
 * What a workflow step does to a country's advisory pointer, decided here
 * so the store only writes it:
 * - `set`: a published advisory version becomes (or stays) the country's
 *   current one; it may replace only itself or `replaces`, the advisory it
 *   supersedes, so two advisories racing for one country cannot both win.
 * - `clear`: an archived or expired advisory withdraws its pointer, if the
 *   pointer is still its own.
 */
export type AdvisoryPointerChange =
  | { type: 'set'; pointer: AdvisoryPointer; replaces?: string | undefined }
  | { type: 'clear'; country: string; publicationId: string };

/** A country has one current travel advisory; other kinds leave the pointer alone. */
function advisoryCountry(version: Version): string | undefined {
  return version.content.kind === 'travel-advisory' ? version.content.countries[0] : undefined;
}

/** The pointer change for publishing `version`, superseding the advisory `supersededId` where there is one. */
export function pointerOnRelease(version: Version, supersededId?: string): AdvisoryPointerChange | undefined {
  const country = advisoryCountry(version);
  if (!country) return undefined;
  const pointer: AdvisoryPointer = {
    country,
    publicationId: version.id,
    level: levelOf(version.content) ?? 0,
    version: version.version,
    title: version.content.title,
    updatedAt: version.publishedAt,
  };
  return { type: 'set', pointer, replaces: supersededId };
}

/** The pointer change for archiving or expiring a head whose last version is `ended`. */
export function pointerOnEnd(ended: Version): AdvisoryPointerChange | undefined {
  const country = advisoryCountry(ended);
  return country ? { type: 'clear', country, publicationId: ended.id } : undefined;
}
