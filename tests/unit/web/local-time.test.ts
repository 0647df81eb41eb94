import { describe, expect, it } from 'vitest';
import { localAndUtc, localPlaceOf } from '../../../web/components/format';

describe('times in the place’s local time beside UTC', () => {
  it('shows Nairobi time with its abbreviation, then UTC', () => {
    expect(localAndUtc('2026-05-04T11:00:00Z', localPlaceOf(['KE'])!)).toBe('2026-05-04 14:00 EAT (11:00 UTC)');
  });

  it('repeats the UTC date when it differs from the local one', () => {
    expect(localAndUtc('2026-05-04T22:30:00Z', localPlaceOf(['KE'])!)).toBe('2026-05-05 01:30 EAT (2026-05-04 22:30 UTC)');
  });

  it('uses the capital’s zone for a country with several, and says so', () => {
    expect(localAndUtc('2026-01-10T15:00:00Z', localPlaceOf(['US'])!)).toBe('2026-01-10 10:00 EST Washington D.C. time (15:00 UTC)');
  });

  it('shows the offset where the country has no common abbreviation', () => {
    expect(localAndUtc('2026-05-04T11:00:00Z', localPlaceOf(['TR'])!)).toBe('2026-05-04 14:00 GMT+3 (11:00 UTC)');
  });

  it('has a local time only when every country of the item keeps the same one', () => {
    expect(localPlaceOf(['KE'])?.timeZone).toBe('Africa/Nairobi');
    expect(localPlaceOf(['KE', 'FR'])).toBeUndefined();
    expect(localPlaceOf([])).toBeUndefined();
  });
});
