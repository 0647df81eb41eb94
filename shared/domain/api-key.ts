import * as z from 'zod';
import type { Role } from './sharing';

/** What a key may do beyond reading; a key never exceeds its person's role. */
export const KeyScopeSchema = z.enum(['read', 'write']);
export type KeyScope = z.infer<typeof KeyScopeSchema>;

/** An API key as stored: only its hash, never the secret. */
export interface ApiKeyRecord {
  keyId: string;
  /** The first characters of the key, shown so people can tell their keys apart. */
  prefix: string;
  hash: string;
  name: string;
  personId: string;
  orgId: string;
  role: Role;
  scopes: KeyScope[];
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

export const KEY_PREFIX = 'op_';

/** The public view of a key record. */
export function describeKey(record: ApiKeyRecord): Omit<ApiKeyRecord, 'hash'> {
  const { hash: _hash, ...rest } = record;
  return rest;
}
