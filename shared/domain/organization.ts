import * as z from 'zod';

/** Publishing organizations post content; member organizations receive it. */
export const OrganizationTypeSchema = z.enum(['publisher', 'member']);

export interface Organization {
  id: string;
  name: string;
  type: z.infer<typeof OrganizationTypeSchema>;
  createdAt: string;
}
