/** The dimensions of a metric: what a number is about (a channel, an outcome), never a person. */
export type MetricDimensions = Readonly<Record<string, string>>;

/**
 * Numbers about the work: CloudWatch metrics in AWS (the embedded metric
 * format, from the function's log), log lines locally.
 *
 * @example
 * metrics.count('Deliveries', report.sent, { channel: 'email', outcome: 'sent' });
 */
export interface Metrics {
  /** Adds `value` to a count. */
  count(name: string, value: number, dimensions?: MetricDimensions): void;
  /** Records one duration, in milliseconds. */
  timing(name: string, milliseconds: number, dimensions?: MetricDimensions): void;
}
