import * as z from 'zod';
import { CountryCodeSchema } from './country';
import { EmailAddressSchema } from './email-address';
import { PhoneNumberSchema } from './phone';

/**
 * A member organization's site: an office, a plant, a residence — a named
 * point where its people are. Sites are matched against alert areas
 * (exposure, and subscriptions that name them); contacts are personal data,
 * shown only to the organization and never logged.
 */

/** An organization keeps at most this many sites. */
export const MAX_SITES = 500;

const ContactSchema = z
  .object({ email: EmailAddressSchema.optional(), phone: PhoneNumberSchema.optional() })
  .strict()
  .refine((c) => c.email !== undefined || c.phone !== undefined, 'give an email address, a phone number or both');

/** The body of `POST /v1/sites`. */
export const SiteInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    lat: z.number().min(-90, 'latitude must be -90 to 90').max(90, 'latitude must be -90 to 90'),
    lon: z.number().min(-180, 'longitude must be -180 to 180').max(180, 'longitude must be -180 to 180'),
    country: CountryCodeSchema,
    contacts: z.array(ContactSchema).max(20, 'must have at most 20 entries').optional(),
  })
  .strict();
export type SiteInput = z.infer<typeof SiteInputSchema>;

export interface Site {
  id: string;
  orgId: string;
  name: string;
  lat: number;
  lon: number;
  country: string;
  contacts: { email?: string | undefined; phone?: string | undefined }[];
  createdAt: string;
  createdBy: string;
}

/** A site as the API shows it to its organization. */
export function describeSite(site: Site) {
  return { id: site.id, name: site.name, lat: site.lat, lon: site.lon, country: site.country, contacts: site.contacts, createdAt: site.createdAt };
}
