/**
 * Amazon SNS subscription filter policies (FilterPolicyScope
 * `MessageAttributes`), evaluated locally so `npm start` routes exactly the
 * messages the AWS subscriptions would. Semantics follow the Amazon SNS
 * Developer Guide: "Amazon SNS subscription filter policies", "AND/OR
 * logic", "Key matching", "Numeric value matching", "String value matching"
 * and "Filter policy constraints".
 */
import { BlockList, isIP } from 'node:net';
import type { FilterCondition, FilterLiteral, FilterPolicy, NumericExpression } from '../../shared/topology';

/** SNS message attribute data types. */
export type MessageAttributeDataType = 'String' | 'String.Array' | 'Number' | 'Binary';

/**
 * One message attribute in the SNS/SQS API wire shape. `String.Array`
 * carries a JSON array in `StringValue`; `Number` carries its digits there.
 */
export interface MessageAttributeValue {
  readonly DataType: MessageAttributeDataType;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
}

/** Message attributes by name, as passed to SNS `Publish`. */
export type MessageAttributes = Readonly<Record<string, MessageAttributeValue>>;

/** A malformed filter policy; `path` locates the offending part (`kind[2].numeric`). */
export class FilterPolicyError extends Error {
  readonly code = 'invalid-filter-policy';
  readonly path: string;

  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(path ? `Invalid filter policy at ${path}: ${message}` : `Invalid filter policy: ${message}`, options);
    this.name = 'FilterPolicyError';
    this.path = path;
  }
}

/** Words SNS reserves for match operators; they stop `$or` from being read as OR. */
const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'cidr']);
const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);
/** SNS numeric matching covers -10^9 … 10^9. */
const NUMERIC_LIMIT = 1e9;
const MAX_ATTRIBUTE_NAMES = 5;
const MAX_COMBINATIONS = 150;
const MAX_POLICY_BYTES = 256 * 1024;

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

/**
 * Checks a policy (an object, or its JSON text) against the SNS syntax and
 * constraints and returns an independent copy. Call it once at start-up so a
 * bad policy fails loudly there rather than silently dropping messages.
 *
 * @example parseFilterPolicy('{"change": ["major"], "level": [{"numeric": [">=", 3]}]}')
 */
export function parseFilterPolicy(input: unknown): FilterPolicy {
  let value = input;
  const text = typeof input === 'string' ? input : JSON.stringify(input ?? null);
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    throw new FilterPolicyError('', `a policy may not exceed ${MAX_POLICY_BYTES} bytes`);
  }
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input) as unknown;
    } catch (error) {
      throw new FilterPolicyError('', `not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }
  checkPolicy(value, '');
  const names = attributeNames(value);
  if (names.size > MAX_ATTRIBUTE_NAMES) {
    throw new FilterPolicyError('', `a policy may name at most ${MAX_ATTRIBUTE_NAMES} attributes; this one names ${names.size} (${[...names].join(', ')})`);
  }
  const total = combinations(value);
  if (total > MAX_COMBINATIONS) {
    throw new FilterPolicyError('', `the total combination of values is ${total}; SNS allows at most ${MAX_COMBINATIONS}`);
  }
  return structuredClone(value);
}

function checkPolicy(value: unknown, path: string): asserts value is FilterPolicy {
  if (!isPlainObject(value)) throw new FilterPolicyError(path, 'a policy must be a JSON object');
  for (const [key, rule] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or' && isOrOperator(rule)) {
      rule.forEach((branch, i) => {
        if (Object.keys(branch).length === 0) throw new FilterPolicyError(`${at}[${i}]`, 'an $or alternative must name at least one attribute');
        checkPolicy(branch, `${at}[${i}]`);
      });
      continue;
    }
    if (isPlainObject(rule)) {
      throw new FilterPolicyError(at, 'nested policies are not supported with FilterPolicyScope MessageAttributes');
    }
    if (!Array.isArray(rule)) throw new FilterPolicyError(at, 'must be an array of match conditions');
    if (rule.length === 0) throw new FilterPolicyError(at, 'empty arrays are not allowed');
    rule.forEach((condition, i) => checkCondition(condition, `${at}[${i}]`));
  }
}

function checkCondition(condition: unknown, path: string): void {
  if (condition === null || typeof condition === 'string' || typeof condition === 'boolean') return;
  if (typeof condition === 'number') return checkNumber(condition, path);
  if (!isPlainObject(condition)) {
    throw new FilterPolicyError(path, 'a match value must be a string, number, true, false, null or an operator object');
  }
  const keys = Object.keys(condition);
  if (keys.length !== 1) throw new FilterPolicyError(path, `an operator object takes exactly one key, not ${keys.length}`);
  const operator = keys[0] as string;
  const operand = condition[operator];
  const at = `${path}.${operator}`;
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof operand !== 'string') throw new FilterPolicyError(at, `${operator} takes a string`);
      return;
    case 'exists':
      if (typeof operand !== 'boolean') throw new FilterPolicyError(at, 'exists takes true or false');
      return;
    case 'numeric':
      return checkNumeric(operand, at);
    case 'cidr':
      return checkCidr(operand, at);
    case 'anything-but':
      return checkAnythingBut(operand, at);
    default:
      throw new FilterPolicyError(path, `unrecognized match type "${operator}"`);
  }
}

function checkAnythingBut(operand: unknown, path: string): void {
  if (typeof operand === 'string') return;
  if (typeof operand === 'number') return checkNumber(operand, path);
  if (Array.isArray(operand)) {
    if (operand.length === 0) throw new FilterPolicyError(path, 'anything-but needs at least one value');
    operand.forEach((item: unknown, i) => {
      if (typeof item === 'number') checkNumber(item, `${path}[${i}]`);
      else if (typeof item !== 'string') throw new FilterPolicyError(`${path}[${i}]`, 'anything-but lists hold strings or numbers');
    });
    return;
  }
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1 || keys[0] !== 'prefix') {
      throw new FilterPolicyError(path, `anything-but supports only a nested prefix, not ${keys.join(', ') || 'an empty object'}`);
    }
    if (typeof operand.prefix !== 'string') throw new FilterPolicyError(`${path}.prefix`, 'prefix takes a string');
    return;
  }
  throw new FilterPolicyError(path, 'anything-but takes a string, a number, a list of them, or {"prefix": …}');
}

function checkNumeric(operand: unknown, path: string): void {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    throw new FilterPolicyError(path, 'numeric takes [operator, number] or [lower operator, number, upper operator, number]');
  }
  const [op, value, upperOp, upper] = operand as unknown[];
  if (typeof op !== 'string' || !NUMERIC_OPERATORS.has(op)) throw new FilterPolicyError(`${path}[0]`, `unrecognized numeric operator ${JSON.stringify(op)}`);
  if (typeof value !== 'number') throw new FilterPolicyError(`${path}[1]`, `the value of ${op} must be a number`);
  checkNumber(value, `${path}[1]`);
  if (operand.length === 2) return;
  if (op !== '>' && op !== '>=') throw new FilterPolicyError(`${path}[0]`, 'a range must start with > or >=');
  if (upperOp !== '<' && upperOp !== '<=') throw new FilterPolicyError(`${path}[2]`, 'a range must end with < or <=');
  if (typeof upper !== 'number') throw new FilterPolicyError(`${path}[3]`, `the value of ${upperOp} must be a number`);
  checkNumber(upper, `${path}[3]`);
  if (upper <= value) throw new FilterPolicyError(path, 'the lower bound must be less than the upper bound');
}

function checkNumber(value: number, path: string): void {
  if (!Number.isFinite(value) || Math.abs(value) > NUMERIC_LIMIT) {
    throw new FilterPolicyError(path, `numbers must lie between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}`);
  }
}

function checkCidr(operand: unknown, path: string): void {
  if (typeof operand !== 'string') throw new FilterPolicyError(path, 'cidr takes a string such as "10.0.0.0/24"');
  const [address = '', bits = '', ...rest] = operand.split('/');
  const family = isIP(address);
  const max = family === 4 ? 32 : 128;
  if (rest.length > 0 || family === 0 || !/^\d+$/.test(bits) || Number(bits) > max) {
    throw new FilterPolicyError(path, `malformed CIDR block ${JSON.stringify(operand)}`);
  }
}

/** Names every attribute a policy tests, in all `$or` alternatives. */
function attributeNames(policy: FilterPolicy, into = new Set<string>()): Set<string> {
  for (const [key, rule] of Object.entries(policy)) {
    if (key === '$or' && isOrOperator(rule)) rule.forEach((branch) => attributeNames(branch, into));
    else into.add(key);
  }
  return into;
}

/** SNS's complexity measure: product of value counts, summed over `$or` alternatives. */
function combinations(policy: FilterPolicy): number {
  let total = 1;
  for (const [key, rule] of Object.entries(policy)) {
    if (key === '$or' && isOrOperator(rule)) total *= rule.reduce((sum, branch) => sum + combinations(branch), 0);
    else total *= rule.length;
  }
  return total;
}

/**
 * SNS reads `$or` as OR only when it holds an array of at least two objects
 * none of which uses an operator keyword as a field name; otherwise `$or` is
 * an ordinary attribute name.
 */
function isOrOperator(rule: unknown): rule is readonly FilterPolicy[] {
  return (
    Array.isArray(rule) &&
    rule.length >= 2 &&
    rule.every((branch: unknown) => isPlainObject(branch) && Object.keys(branch).every((key) => !OPERATORS.has(key)))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

/** An attribute's values as the matcher sees them. */
type Value = { readonly type: 'string'; readonly value: string } | { readonly type: 'number'; readonly value: number } | { readonly type: 'literal'; readonly value: boolean | null };

/**
 * Whether SNS would deliver a message with these attributes to a
 * subscription with this policy. Expects a policy `parseFilterPolicy`
 * accepted; an empty policy accepts everything.
 *
 * - AND across attribute names, OR across one name's conditions; `$or`
 *   alternatives are OR-ed.
 * - A policy name the message lacks fails, except `{"exists": false}`,
 *   which matches only while the message carries at least one other
 *   attribute. `anything-but` needs the attribute present.
 * - `String.Array`: a condition matches if any element does;
 *   `anything-but` matches only if no element is excluded.
 * - Strings match strings (case-sensitively, save `equals-ignore-case`);
 *   numbers and `numeric` match `Number` attributes and numeric array
 *   elements. `Binary` attributes are ignored.
 */
export function matchesFilterPolicy(policy: FilterPolicy, attributes: MessageAttributes): boolean {
  const values = new Map<string, readonly Value[]>();
  for (const [name, attribute] of Object.entries(attributes)) {
    const read = readValues(attribute);
    if (read) values.set(name, read);
  }
  return matchesPolicy(policy, values);
}

function matchesPolicy(policy: FilterPolicy, attributes: ReadonlyMap<string, readonly Value[]>): boolean {
  for (const [key, rule] of Object.entries(policy)) {
    if (key === '$or' && isOrOperator(rule)) {
      if (!rule.some((branch) => matchesPolicy(branch, attributes))) return false;
      continue;
    }
    const present = attributes.get(key);
    const conditions = rule as readonly FilterCondition[];
    if (!conditions.some((condition) => matchesCondition(condition, present, attributes.size > 0))) return false;
  }
  return true;
}

function matchesCondition(condition: FilterCondition, values: readonly Value[] | undefined, anyAttribute: boolean): boolean {
  if (isPlainObject(condition) && 'exists' in condition) {
    return condition.exists ? values !== undefined : values === undefined && anyAttribute;
  }
  if (values === undefined) return false;
  if (!isPlainObject(condition)) return values.some((value) => equalsLiteral(value, condition));
  if ('anything-but' in condition) {
    const excluded = condition['anything-but'];
    if (isPlainObject(excluded)) return !values.some((value) => value.type === 'string' && value.value.startsWith(excluded.prefix));
    const list: readonly (string | number)[] = Array.isArray(excluded) ? excluded : [excluded as string | number];
    return !values.some((value) => list.some((item) => equalsLiteral(value, item)));
  }
  if ('numeric' in condition) return values.some((value) => value.type === 'number' && inRange(value.value, condition.numeric));
  if ('prefix' in condition) return strings(values).some((text) => text.startsWith(condition.prefix));
  if ('suffix' in condition) return strings(values).some((text) => text.endsWith(condition.suffix));
  if ('equals-ignore-case' in condition) {
    const wanted = condition['equals-ignore-case'].toLowerCase();
    return strings(values).some((text) => text.toLowerCase() === wanted);
  }
  if ('cidr' in condition) return strings(values).some((text) => inCidr(text, condition.cidr));
  return false;
}

function equalsLiteral(value: Value, literal: FilterLiteral): boolean {
  if (typeof literal === 'string') return value.type === 'string' && value.value === literal;
  if (typeof literal === 'number') return value.type === 'number' && value.value === literal;
  return value.type === 'literal' && value.value === literal;
}

function inRange(value: number, expression: NumericExpression): boolean {
  for (let i = 0; i + 1 < expression.length; i += 2) {
    const bound = expression[i + 1] as number;
    switch (expression[i]) {
      case '=':
        if (!(value === bound)) return false;
        break;
      case '<':
        if (!(value < bound)) return false;
        break;
      case '<=':
        if (!(value <= bound)) return false;
        break;
      case '>':
        if (!(value > bound)) return false;
        break;
      case '>=':
        if (!(value >= bound)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

function inCidr(address: string, cidr: string): boolean {
  const family = isIP(address);
  const [network = '', bits = ''] = cidr.split('/');
  const networkFamily = isIP(network);
  if (family === 0 || family !== networkFamily) return false;
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  list.addSubnet(network, Number(bits), type);
  return list.check(address, type);
}

function strings(values: readonly Value[]): string[] {
  return values.flatMap((value) => (value.type === 'string' ? [value.value] : []));
}

/** The values an attribute offers for matching; undefined when SNS would ignore it. */
function readValues(attribute: MessageAttributeValue): readonly Value[] | undefined {
  const text = attribute.StringValue;
  if (attribute.DataType === 'Binary' || text === undefined) return undefined;
  if (attribute.DataType === 'String') return [{ type: 'string', value: text }];
  if (attribute.DataType === 'Number') {
    const number = Number(text);
    return text.trim() !== '' && Number.isFinite(number) ? [{ type: 'number', value: number }] : [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((element: unknown): Value[] => {
    if (typeof element === 'string') return [{ type: 'string', value: element }];
    if (typeof element === 'number') return [{ type: 'number', value: element }];
    if (typeof element === 'boolean' || element === null) return [{ type: 'literal', value: element }];
    return [];
  });
}
