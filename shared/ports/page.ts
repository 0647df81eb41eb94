/** One page of a list and the opaque cursor to the next, if any. */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}
