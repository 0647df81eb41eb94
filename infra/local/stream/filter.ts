/**
 * Lambda event filtering for the local stream poller: a record reaches a
 * consumer's handler only if it matches one of the consumer's patterns, as
 * the event source mapping's FilterCriteria decide in AWS. The subset the
 * topology declares: nested fields, literal values and `prefix`. A field
 * holding a list matches when any of its elements does.
 */
import type { StreamRecord } from '../../../shared/ports/stream-event';
import type { StreamFilterCondition, StreamFilterPattern } from '../../../shared/stream-filter';

/** Whether `record` passes `patterns` (no patterns: every record does). */
export function passesFilters(record: StreamRecord, patterns: readonly StreamFilterPattern[] | undefined): boolean {
  return !patterns || patterns.some((pattern) => matchesPattern(record, pattern));
}

function matchesPattern(value: unknown, pattern: StreamFilterPattern | readonly StreamFilterCondition[]): boolean {
  if (isConditionList(pattern)) {
    const values = Array.isArray(value) ? value : [value];
    return values.some((v) => pattern.some((condition) => matchesCondition(v, condition)));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const fields = value as Record<string, unknown>;
  return Object.entries(pattern).every(([field, inner]) => matchesPattern(fields[field], inner));
}

function isConditionList(pattern: StreamFilterPattern | readonly StreamFilterCondition[]): pattern is readonly StreamFilterCondition[] {
  return Array.isArray(pattern);
}

function matchesCondition(value: unknown, condition: StreamFilterCondition): boolean {
  if (typeof condition === 'object') return typeof value === 'string' && value.startsWith(condition.prefix);
  return value === condition;
}
