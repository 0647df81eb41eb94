import type { PublicationContent } from '../domain/publication-content';

/** Whether an item names any place the geometry checks look at: areas, subdivisions, or an advisory's per-area levels. */
function namesPlaces(content: PublicationContent): boolean {
  if (content.areas?.features.length || content.subdivisions?.length) return true;
  return content.kind === 'travel-advisory' && (content.areaLevels?.length ?? 0) > 0;
}

/**
 * Checks an item's places (check-places.ts), loading the country outlines
 * and the geometry code on the first item that has places: most items name
 * none, and a function that never sees one never parses them
 * (docs/decisions/0046).
 */
export async function assertPlacesLazily(content: PublicationContent): Promise<void> {
  if (!namesPlaces(content)) return;
  const { assertPlaces } = await import('./check-places');
  assertPlaces(content);
}
