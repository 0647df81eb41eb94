/**
 * The secret CloudFront adds to every request it forwards to the origin
 * (a custom origin header): a request without a value the secret currently
 * holds did not come through CloudFront, its web ACL and its cache. While
 * the secret is rotated two values are valid at once, the old and the new.
 */
export interface OriginSecret {
  /**
   * Whether `value` is a valid value of the secret: at once when it is
   * known, as a promise when the secret had to be read again first (a value
   * not seen before may be the rotation's new one).
   */
  accepts(value: string | undefined): boolean | Promise<boolean>;
}
