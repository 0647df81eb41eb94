import type { PublicationContent } from '../domain/publication-content';
import type { SubscriptionFilters } from '../domain/subscription';
import { hasPlace, homeCountries, placeCircles } from '../domain/subscription-place';
import { circleMeetsAreas, preparedAreasOf } from './areas';

/**
 * Whether a subscription's place accepts an item (subscriptions without a
 * place accept everything their scopes found). An item with areas reaches
 * the place when an area meets its circle or holds one of its sites; an
 * item without areas when it names the country the circle's centre or a
 * site is in. So an alert drawn around central Nairobi reaches a circle in
 * Nairobi and not one in Mombasa, while a Kenya-wide alert reaches both.
 * The item's areas are prepared once per content object (see
 * `preparedAreasOf`), not once per subscription.
 */
export function acceptsPlace(filters: Pick<SubscriptionFilters, 'near' | 'sites'>, content: Pick<PublicationContent, 'areas' | 'countries'>): boolean {
  if (!hasPlace(filters)) return true;
  if (content.areas) {
    const areas = preparedAreasOf(content.areas);
    return placeCircles(filters).some((circle) => circleMeetsAreas(areas, circle));
  }
  const homes = homeCountries(filters);
  return content.countries.some((cc) => homes.has(cc));
}
