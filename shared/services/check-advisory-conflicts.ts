import { levelsNamedIn, levelName } from '../domain/advisory-level';
import { countryName } from '../domain/country';
import type { PublicationContent } from '../domain/publication-content';
import type { ServiceDeps } from './deps';

const longDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Something a publisher should look at before going on; never a reason to refuse. */
export interface ComposeWarning {
  code: 'advisory-exists' | 'level-mismatch';
  message: string;
  /** Where to act on it: the current advisory, for the publishing organization's console or the public page. */
  link?: { href: string; text: string };
}

/**
 * Warnings for a travel advisory being composed or edited: the country
 * already has a current advisory (publishing this one would replace it, so
 * amending that one is usually what was meant), and the summary names a
 * level other than the level field. `selfId` is the publication being
 * edited, which does not conflict with itself.
 */
export async function checkAdvisoryConflicts(
  deps: Pick<ServiceDeps, 'publications'>,
  orgId: string,
  content: { kind: string; countries?: unknown; level?: unknown; summary?: unknown } | PublicationContent,
  selfId?: string,
): Promise<ComposeWarning[]> {
  if (content.kind !== 'travel-advisory') return [];
  const warnings: ComposeWarning[] = [];
  const countries = Array.isArray(content.countries) ? content.countries.filter((c): c is string => typeof c === 'string' && /^[A-Z]{2}$/.test(c)) : [];
  if (countries.length === 1) {
    const cc = countries[0]!;
    const current = await deps.publications.currentAdvisory(cc);
    if (current && current.publicationId !== selfId) {
      const head = await deps.publications.get(current.publicationId);
      const ours = head?.orgId === orgId;
      warnings.push({
        code: 'advisory-exists',
        message: `${countryName(cc) ?? cc} has a Level ${current.level} advisory published on ${longDate(current.updatedAt)} (“${current.title}”). Publishing this one replaces it — amend it instead?`,
        link: ours
          ? { href: `/console/publications/${current.publicationId}/edit`, text: `Amend the current ${countryName(cc) ?? cc} advisory` }
          : { href: `/publications/${current.publicationId}`, text: `Read the current ${countryName(cc) ?? cc} advisory` },
      });
    }
  }
  const level = typeof content.level === 'number' ? content.level : undefined;
  const named = typeof content.summary === 'string' ? levelsNamedIn(content.summary) : [];
  if (level !== undefined && named.length > 0 && !named.every((n) => n === level)) {
    const other = named.find((n) => n !== level)!;
    warnings.push({
      code: 'level-mismatch',
      message: `The summary says Level ${other} (${levelName(other)}), but the advisory level is ${level}. Check which is right.`,
    });
  }
  return warnings;
}
