import { parsePhoneNumberFromString } from 'libphonenumber-js';
import * as z from 'zod';

/**
 * A phone number for SMS, written internationally (leading `+` and country
 * calling code; spaces, dots, dashes and brackets allowed), validated with
 * libphonenumber-js and stored in E.164 (`+254712345678`).
 * Personal data: never logged.
 */
export const PhoneNumberSchema = z
  .string()
  .trim()
  .max(32, 'must be at most 32 characters')
  .transform((text, ctx) => {
    const parsed = text.startsWith('+') ? parsePhoneNumberFromString(text) : undefined;
    if (!parsed || !parsed.isValid() || parsed.ext) {
      ctx.addIssue({ code: 'custom', message: 'must be a valid phone number in international format, e.g. "+254 712 345678"' });
      return z.NEVER;
    }
    return parsed.number as string;
  });

/** Whether `text` looks like a phone number rather than an email address (personal-data requests take either). */
export function looksLikePhoneNumber(text: string): boolean {
  return /^\s*\+[\d\s().-]+$/.test(text);
}
