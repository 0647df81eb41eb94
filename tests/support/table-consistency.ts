/**
 * Invariants of the publication items in a dumped table (tests/support/table-dump.ts):
 * a published head has its current version item, its listing items in every
 * scope and (for a travel advisory) the country's advisory pointer; no
 * listing or pointer refers to anything else. Returns the broken invariants,
 * empty when the table is consistent.
 */
export function publicationInconsistencies(items: Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  const byKey = new Map(items.map((i) => [`${String(i.pk)}|${String(i.sk)}`, i]));
  interface HeadData {
    id: string;
    state: string;
    rev: number;
    current?: { version: number; publishedAt: string; regions: string[]; content: { kind: string; countries: string[]; sharing: string } };
  }
  const heads = new Map<string, HeadData>();
  for (const item of items) if (item.type === 'publication') heads.set((item.data as HeadData).id, item.data as HeadData);

  for (const head of heads.values()) {
    const versions = items.filter((i) => i.pk === `PUB#${head.id}` && String(i.sk).startsWith('V#')).map((i) => Number(String(i.sk).slice(2)));
    const expected = head.current?.version ?? 0;
    if (versions.length !== expected || versions.some((v, n) => v !== n + 1)) problems.push(`${head.id}: versions ${versions.join(',')} but current is ${expected}`);
    if (head.state !== 'published' || !head.current) continue;
    const v = head.current;
    const audience = v.content.sharing.replace('TLP:', '');
    const scopes = ['all', ...v.content.countries.map((c) => `c:${c}`), ...v.regions.map((r) => `r:${r}`), `k:${v.content.kind}`];
    for (const scope of scopes) {
      const listing = byKey.get(`L#${audience}#${scope}|${v.publishedAt}#${head.id}`);
      if (!listing) problems.push(`${head.id}: published but not listed in ${scope}`);
      else if ((listing.data as { version: number }).version !== v.version) problems.push(`${head.id}: listing in ${scope} shows version ${(listing.data as { version: number }).version}`);
    }
    if (v.content.kind === 'travel-advisory') {
      const pointer = byKey.get(`ADVISORY|${v.content.countries[0]}`);
      if (pointer?.publicationId !== head.id) problems.push(`${head.id}: current advisory of ${v.content.countries[0]} points to ${String(pointer?.publicationId)}`);
    }
  }
  for (const item of items) {
    if (item.type === 'listing') {
      const data = item.data as { id: string; version: number };
      const head = heads.get(data.id);
      if (head?.state !== 'published' || head.current?.version !== data.version) problems.push(`listing ${String(item.pk)} ${String(item.sk)} for a ${head?.state ?? 'missing'} publication`);
    }
    if (item.type === 'advisory') {
      const head = heads.get(String(item.publicationId));
      if (head?.state !== 'published') problems.push(`advisory pointer ${String(item.sk)} to a ${head?.state ?? 'missing'} publication`);
    }
  }
  return problems;
}
