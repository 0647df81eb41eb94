import type { SearchDocument } from '../../../shared/domain/search-document';
import type { Viewer } from '../../../shared/domain/sharing';

/** An organization id (a ULID's shape). */
export const ORG_A = '01HZZZZZZZZZZZZZZZZZZZZZA0';
export const ORG_B = '01HZZZZZZZZZZZZZZZZZZZZZB0';
export const ORG_C = '01HZZZZZZZZZZZZZZZZZZZZZC0';

export const anonymous: Viewer = { kind: 'anonymous' };
export const memberOf = (orgId: string): Viewer => ({ kind: 'person', personId: `P-${orgId}`, orgId, role: 'member' });

let serial = 0;

/** A published security alert about Colombia, as search holds it; override what the test is about. */
export function searchDoc(overrides: Partial<SearchDocument> = {}): SearchDocument {
  serial += 1;
  return {
    id: `01J${String(serial).padStart(23, '0')}`,
    rev: 1,
    version: 1,
    kind: 'security-alert',
    title: 'Security alert',
    countries: ['CO'],
    regions: ['WHA'],
    publishedAt: `2025-01-01T00:00:${String(serial % 60).padStart(2, '0')}.000Z`,
    sharing: 'TLP:CLEAR',
    orgId: ORG_A,
    recipients: [],
    status: 'published',
    places: 'Colombia',
    text: 'Stay alert.',
    ...overrides,
  };
}

export { seeded } from '../../../bench/search-corpus';
