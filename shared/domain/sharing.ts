import * as z from 'zod';

/** Traffic Light Protocol 2.0 levels that Outpost uses for sharing. */
export const SharingSchema = z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER']);
export type Sharing = z.infer<typeof SharingSchema>;

/** Who is asking. Anonymous callers have no organization. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'person'; personId: string; orgId: string; role: Role; keyId?: string };

export const RoleSchema = z.enum(['admin', 'publisher', 'member']);
export type Role = z.infer<typeof RoleSchema>;

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** What an item's audience is decided from. */
export interface Shareable {
  sharing: Sharing;
  recipients: readonly string[];
  orgId: string;
}

/**
 * TLP rule: CLEAR is public; GREEN reaches every organization on the
 * platform; AMBER reaches only the named organizations and the publisher's
 * own. Platform admins get no exception: AMBER means named organizations.
 */
export function canSee(viewer: Viewer, item: Shareable): boolean {
  if (item.sharing === 'TLP:CLEAR') return true;
  if (viewer.kind === 'anonymous') return false;
  if (item.sharing === 'TLP:GREEN') return true;
  return viewer.orgId === item.orgId || item.recipients.includes(viewer.orgId);
}
