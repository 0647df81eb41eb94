/**
 * Registers the delivery workers (functions/deliver-*) as consumers of the
 * local bus's queues. Filled in by the delivery work; the runtime calls it.
 */
export function registerWorkers(): void {}
