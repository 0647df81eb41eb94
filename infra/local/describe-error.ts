/** A thrown value as one line for logs and failure records: `Name: message`, or what was thrown if it was not an Error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-error thrown: ${String(error)}`;
}
