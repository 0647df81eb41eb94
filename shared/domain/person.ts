import type { Role } from './sharing';

/** A person who signs in: staff of a publishing organization or a member company's security manager. */
export interface Person {
  id: string;
  orgId: string;
  name: string;
  email: string;
  role: Role;
  createdAt: string;
}
