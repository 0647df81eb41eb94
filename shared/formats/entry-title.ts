import { levelName, type AdvisoryLevel } from '../domain/advisory-level';
import { countryName } from '../domain/country';
import type { PublicationContent } from '../domain/publication-content';

/**
 * How a publication is named and linked in feeds and in alerts (email, SMS,
 * webhooks). Apart from feed-entry.ts so that a message that carries no
 * rendered body does not bundle the Markdown renderer and its sanitizer.
 */

/** A base URL without its trailing slashes. */
export function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** The public page of a publication. */
export function publicationUrl(baseUrl: string, publicationId: string): string {
  return `${trimBase(baseUrl)}/publications/${encodeURIComponent(publicationId)}`;
}

/** "Level 2: Exercise Increased Caution". */
export function levelLabel(level: AdvisoryLevel): string {
  return `Level ${level}: ${levelName(level)}`;
}

/**
 * The title a publication is shown under in feeds and alerts. A travel
 * advisory's title names its country and level, so a reader scanning a feed
 * sees the level without opening it.
 *
 * @example entryTitle(kenyaLevel2) // 'Kenya – Level 2: Exercise Increased Caution'
 */
export function entryTitle(content: PublicationContent): string {
  if (content.kind === 'travel-advisory') {
    const country = content.countries.map(countryName).join(', ');
    return `${country} – ${levelLabel(content.level)}`;
  }
  return content.title;
}
