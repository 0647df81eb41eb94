/**
 * A port a function does not wire because none of the routes it serves uses
 * it (its role could not use the adapter anyway): any use throws, naming the
 * port and the function, so a route that starts needing it fails in its
 * tests instead of reaching for an AWS client the function does not hold.
 *
 * @example
 * email: notWired<EmailSender>('email', 'Api'),
 */
export function notWired<T extends object>(port: string, functionName: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      // Promise resolution and inspection probe `then` and symbols; they must see a plain object.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new Error(`The ${functionName} function does not wire the ${port} port (${port}.${property} was used).`);
    },
  });
}
