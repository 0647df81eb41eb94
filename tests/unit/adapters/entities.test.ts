import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_MODEL_DOC, renderDataModelDoc } from '../../../scripts/generate/data-model-doc';
import { ENTITIES, indexKeyOf, indexPartitionOf, itemOf, keyOf, partitionOf, sortPrefixOf } from '../../../shared/adapters/dynamodb/entities';
import { fill, literalPrefix } from '../../../shared/adapters/dynamodb/key-template';

describe('key templates', () => {
  it('fills placeholders, zero-pads numbers to their width and lower-cases where asked', () => {
    expect(fill('V#{version:6}', { version: 42 })).toBe('V#000042');
    expect(fill('EMAIL#{email:lower}', { email: 'Ana.Lima@Example.ORG' })).toBe('EMAIL#ana.lima@example.org');
    expect(fill('L#{audience}#{scope}', { audience: 'CLEAR', scope: 'c:KE' })).toBe('L#CLEAR#c:KE');
  });

  it('refuses a template it cannot fill rather than writing a half-built key', () => {
    expect(() => fill('PUB#{id}', {} as { id: string })).toThrow(/needs "id"/);
    expect(() => fill('X#{n:wide}', { n: 1 })).toThrow(/Unknown key format/);
  });

  it('gives the literal prefix of a sort key for begins_with', () => {
    expect(literalPrefix('S#{subscriptionId}')).toBe('S#');
    expect(literalPrefix('HEAD')).toBe('HEAD');
  });
});

describe('entity declarations', () => {
  it('build the keys the table has always used', () => {
    expect(keyOf('version', { id: '01J', version: 3 })).toEqual({ pk: 'PUB#01J', sk: 'V#000003' });
    expect(itemOf('fanOutChunk', { publicationId: 'P', version: 2, channel: 'email', shard: 3, scope: 'c:KE', start: '^' })).toEqual({ pk: 'FANOUT#P#000002#email#3', sk: 'C#c:KE#^', type: 'fan-out-chunk' });
    expect(indexKeyOf('publication', 'gsi2', { publishAt: '2026-12-01T00:00:00Z', id: 'P' })).toEqual({ gsi2pk: 'DUE#PUBLISH', gsi2sk: '2026-12-01T00:00:00Z#P' });
    expect(indexPartitionOf('subscription', 'gsi1', { orgId: 'O' })).toBe('ORGSUBS#O');
    expect(partitionOf('subscriptionIndex', { channel: 'sms', scope: 'r:AF', shard: 15 })).toBe('SUBIDX#sms#r:AF#15');
    expect(sortPrefixOf('version')).toBe('V#');
  });

  it('give every entity its own item type and keep entities that share a partition apart by sort key', () => {
    const specs = Object.values(ENTITIES);
    expect(new Set(specs.map((s) => s.type)).size).toBe(specs.length);
    const byTemplate = new Map<string, string>();
    for (const [name, spec] of Object.entries(ENTITIES)) {
      const template = `${spec.key.pk} / ${spec.key.sk}`;
      expect(byTemplate.get(template), `${name} repeats the key of ${byTemplate.get(template)}`).toBeUndefined();
      byTemplate.set(template, name);
    }
  });

  it('are what docs/data-model.md shows (run `npm run generate` if not)', () => {
    const committed = readFileSync(new URL(`../../../${DATA_MODEL_DOC}`, import.meta.url), 'utf8');
    expect(committed).toBe(renderDataModelDoc(committed));
  });
});
