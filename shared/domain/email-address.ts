import * as z from 'zod';

/**
 * An email address as Outpost stores it: trimmed and lower-cased, so that
 * one mailbox has one spelling for lookups (export, erasure, rate limits).
 * Personal data: never logged.
 */
export const EmailAddressSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address, e.g. "name@example.com"' }));
export type EmailAddress = z.infer<typeof EmailAddressSchema>;
