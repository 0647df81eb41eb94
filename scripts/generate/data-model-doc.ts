import { renderEntityTable } from '../../shared/adapters/dynamodb/entity-notes';

/** The data model document, whose entity table is rendered from shared/adapters/dynamodb/entities.ts. */
export const DATA_MODEL_DOC = 'docs/data-model.md';
const ENTITY_TABLE_START = '<!-- entity table: generated from shared/adapters/dynamodb/entities.ts by `npm run generate` -->';
const ENTITY_TABLE_END = '<!-- end of entity table -->';

/** docs/data-model.md with its entity table rendered from the entity declarations between its markers. */
export function renderDataModelDoc(current: string): string {
  const start = current.indexOf(ENTITY_TABLE_START);
  const end = current.indexOf(ENTITY_TABLE_END);
  if (start < 0 || end < start) throw new Error(`${DATA_MODEL_DOC} has lost its entity table markers`);
  return `${current.slice(0, start + ENTITY_TABLE_START.length)}\n${renderEntityTable()}\n${current.slice(end)}`;
}
