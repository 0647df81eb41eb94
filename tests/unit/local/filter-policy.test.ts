import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FilterPolicyError,
  matchesFilterPolicy,
  parseFilterPolicy,
  type MessageAttributeValue,
  type MessageAttributes,
} from '../../../infra/local/filter-policy';
import { topology, type FilterCondition, type FilterPolicy, type NumericExpression } from '../../../shared/topology';
import { assertProperty } from '../../support/property';

const str = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
const num = (value: number | string): MessageAttributeValue => ({ DataType: 'Number', StringValue: String(value) });
const arr = (values: readonly unknown[]): MessageAttributeValue => ({ DataType: 'String.Array', StringValue: JSON.stringify(values) });

/** Accepts the policy first, as the bus does, then matches. */
function matches(policy: unknown, attributes: MessageAttributes): boolean {
  return matchesFilterPolicy(parseFilterPolicy(policy), attributes);
}

describe('AWS documented examples (Amazon SNS Developer Guide)', () => {
  // "Amazon SNS example filter policies": the customer-transaction message.
  const transaction: MessageAttributes = {
    customer_interests: arr(['soccer', 'rugby', 'hockey']),
    store: str('example_corp'),
    event: str('order_placed'),
    price_usd: num('210.75'),
  };

  it('accepts the example message with the accepting policy', () => {
    const policy = {
      store: ['example_corp'],
      event: [{ 'anything-but': 'order_cancelled' }],
      customer_interests: ['rugby', 'football', 'baseball'],
      price_usd: [{ numeric: ['>=', 100] }],
    };
    expect(matches(policy, transaction)).toBe(true);
  });

  it('rejects the example message with the rejecting policy (encrypted is absent)', () => {
    const policy = {
      store: ['example_corp'],
      event: ['order_cancelled'],
      encrypted: [false],
      customer_interests: ['basketball', 'baseball'],
    };
    expect(matches(policy, transaction)).toBe(false);
    // Even with every other mismatch fixed, the absent attribute rejects it.
    expect(matches({ store: ['example_corp'], encrypted: [false] }, transaction)).toBe(false);
  });

  it('string exact matching: one of the values, String.Array elements compared one by one', () => {
    const policy = { customer_interests: ['rugby', 'tennis'] };
    expect(matches(policy, { customer_interests: str('rugby') })).toBe(true);
    expect(matches(policy, { customer_interests: str('tennis') })).toBe(true);
    expect(matches(policy, { customer_interests: arr(['rugby', 'tennis']) })).toBe(true);
    expect(matches(policy, { customer_interests: str('baseball') })).toBe(false);
    expect(matches(policy, { customer_interests: arr(['baseball']) })).toBe(false);
    expect(matches(policy, { customer_interests: str('Rugby') })).toBe(false);
  });

  it('string anything-but matching', () => {
    const policy = { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] };
    expect(matches(policy, { customer_interests: str('baseball') })).toBe(true);
    expect(matches(policy, { customer_interests: str('football') })).toBe(true);
    expect(matches(policy, { customer_interests: str('rugby') })).toBe(false);
    // Current guide: "For String.Array type attributes, it matches if none of
    // the array elements are listed in the policy property."
    expect(matches(policy, { customer_interests: arr(['baseball', 'football']) })).toBe(true);
    expect(matches(policy, { customer_interests: arr(['rugby', 'baseball']) })).toBe(false);
  });

  it('anything-but with a prefix', () => {
    const policy = { event: [{ 'anything-but': { prefix: 'order-' } }] };
    expect(matches(policy, { event: str('data-entry') })).toBe(true);
    expect(matches(policy, { event: str('order_number') })).toBe(true);
    expect(matches(policy, { event: str('order-cancelled') })).toBe(false);
  });

  it('anything-but needs the attribute, unless combined with exists: false', () => {
    const other = { store: str('example_corp') };
    expect(matches({ event: [{ 'anything-but': ['order_cancelled'] }] }, other)).toBe(false);
    expect(matches({ event: [{ 'anything-but': ['order_cancelled'] }, { exists: false }] }, other)).toBe(true);
    expect(matches({ event: [{ 'anything-but': ['order_cancelled'] }, { exists: false }] }, { ...other, event: str('order_cancelled') })).toBe(false);
  });

  it('prefix matching', () => {
    const policy = { customer_interests: [{ prefix: 'bas' }] };
    expect(matches(policy, { customer_interests: str('baseball') })).toBe(true);
    expect(matches(policy, { customer_interests: str('basketball') })).toBe(true);
    expect(matches(policy, { customer_interests: str('rugby') })).toBe(false);
  });

  it('suffix matching', () => {
    const policy = { customer_interests: [{ suffix: 'ball' }] };
    expect(matches(policy, { customer_interests: str('baseball') })).toBe(true);
    expect(matches(policy, { customer_interests: str('basketball') })).toBe(true);
    expect(matches(policy, { customer_interests: str('rugby') })).toBe(false);
  });

  it('equals-ignore-case matching', () => {
    const policy = { customer_interests: [{ 'equals-ignore-case': 'tennis' }] };
    expect(matches(policy, { customer_interests: str('TENNIS') })).toBe(true);
    expect(matches(policy, { customer_interests: str('Tennis') })).toBe(true);
    expect(matches(policy, { customer_interests: str('baseball') })).toBe(false);
  });

  it('IP address matching with cidr', () => {
    const policy = { source_ip: [{ cidr: '10.0.0.0/24' }] };
    expect(matches(policy, { source_ip: str('10.0.0.0') })).toBe(true);
    expect(matches(policy, { source_ip: str('10.0.0.255') })).toBe(true);
    expect(matches(policy, { source_ip: str('10.1.1.0') })).toBe(false);
    expect(matches(policy, { source_ip: str('not-an-ip') })).toBe(false);
  });

  it('numeric exact matching compares values, not spellings', () => {
    const policy = { price_usd: [{ numeric: ['=', 301.5] }] };
    expect(matches(policy, { price_usd: num('301.5') })).toBe(true);
    expect(matches(policy, { price_usd: num('3.015e2') })).toBe(true);
    expect(matches(policy, { price_usd: num('301.6') })).toBe(false);
  });

  it('numeric anything-but matching', () => {
    const policy = { price: [{ 'anything-but': [100, 500] }] };
    expect(matches(policy, { price: num(101) })).toBe(true);
    expect(matches(policy, { price: num(100.1) })).toBe(true);
    expect(matches(policy, { price: num(100) })).toBe(false);
    expect(matches(policy, { price: num('1e2') })).toBe(false);
  });

  it('numeric range matching', () => {
    const negative = { price_usd: [{ numeric: ['<', 0] }] };
    expect(matches(negative, { price_usd: num(-0.5) })).toBe(true);
    expect(matches(negative, { price_usd: num(0) })).toBe(false);
    const upTo150 = { price_usd: [{ numeric: ['>', 0, '<=', 150] }] };
    expect(matches(upTo150, { price_usd: num(150) })).toBe(true);
    expect(matches(upTo150, { price_usd: num(0.01) })).toBe(true);
    expect(matches(upTo150, { price_usd: num(0) })).toBe(false);
    expect(matches(upTo150, { price_usd: num(150.01) })).toBe(false);
  });

  it('numeric conditions do not match strings that look like numbers', () => {
    expect(matches({ price_usd: [{ numeric: ['>', 0] }] }, { price_usd: str('5') })).toBe(false);
  });

  it('AND logic across attribute names', () => {
    const policy = { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] };
    expect(matches(policy, { customer_interests: str('rugby'), price_usd: num(101) })).toBe(true);
    expect(matches(policy, { customer_interests: str('rugby'), price_usd: num(100) })).toBe(false);
    expect(matches(policy, { customer_interests: str('tennis'), price_usd: num(101) })).toBe(false);
    expect(matches(policy, { customer_interests: str('rugby') })).toBe(false);
  });

  it('OR logic within one attribute name', () => {
    const policy = { customer_interests: ['rugby', 'football', 'baseball'] };
    for (const value of ['rugby', 'football', 'baseball']) expect(matches(policy, { customer_interests: str(value) })).toBe(true);
    expect(matches(policy, { customer_interests: str('tennis') })).toBe(false);
  });

  it('the $or operator: "source" && ("metricName" || "namespace")', () => {
    const policy = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    };
    const source = str('aws.cloudwatch');
    expect(matches(policy, { source, metricName: str('CPUUtilization') })).toBe(true);
    expect(matches(policy, { source, namespace: str('AWS/EC2') })).toBe(true);
    expect(matches(policy, { source, metricName: str('ReadLatency') })).toBe(false);
    expect(matches(policy, { source: str('aws.ec2'), namespace: str('AWS/EC2') })).toBe(false);
  });

  it('nested $or', () => {
    const policy = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization', 'ReadLatency'] },
        { metricType: ['MetricType'], $or: [{ metricId: [1234, 4321] }, { spaceId: [1000, 2000, 3000] }] },
      ],
    };
    const source = str('aws.cloudwatch');
    expect(matches(policy, { source, metricName: str('ReadLatency') })).toBe(true);
    expect(matches(policy, { source, metricType: str('MetricType'), spaceId: num(2000) })).toBe(true);
    expect(matches(policy, { source, metricType: str('MetricType'), metricId: num(1) })).toBe(false);
    expect(matches(policy, { source, metricId: num(1234) })).toBe(false);
  });

  it('reads $or as a plain attribute name when it is not a list of two or more policies', () => {
    // "numeric" and "prefix" are reserved keywords, so this is not an OR; as
    // an attribute rule it is then malformed.
    expect(() => parseFilterPolicy({ $or: [{ numeric: 123 }, { prefix: 'abc' }] })).toThrow(FilterPolicyError);
    expect(matches({ $or: ['a', 'b'] }, { $or: str('b') })).toBe(true);
    expect(matches({ $or: ['a', 'b'] }, { other: str('b') })).toBe(false);
  });

  it('key matching with exists: true', () => {
    const policy = { store: [{ exists: true }] };
    expect(matches(policy, { store: str('fans'), customer_interests: arr(['baseball', 'basketball']) })).toBe(true);
    expect(matches(policy, { customer_interests: arr(['baseball', 'basketball']) })).toBe(false);
  });

  it('key matching with exists: false, which needs at least one attribute', () => {
    const policy = { store: [{ exists: false }] };
    expect(matches(policy, { store: str('fans'), customer_interests: arr(['baseball', 'basketball']) })).toBe(false);
    expect(matches(policy, { customer_interests: arr(['baseball', 'basketball']) })).toBe(true);
    expect(matches(policy, {})).toBe(false);
  });

  it('ignores Binary attributes', () => {
    const binary: MessageAttributeValue = { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) };
    expect(matches({ blob: [{ exists: true }] }, { blob: binary })).toBe(false);
    expect(matches({ blob: [{ exists: false }] }, { blob: binary, other: str('x') })).toBe(true);
  });

  it('literal true, false and null match String.Array elements of that value', () => {
    expect(matches({ flags: [true] }, { flags: arr([false, true]) })).toBe(true);
    expect(matches({ flags: [null] }, { flags: arr(['null']) })).toBe(false);
    expect(matches({ flags: [false] }, { flags: str('false') })).toBe(false);
  });

  it('numbers in the policy match Number attributes and numeric array elements', () => {
    expect(matches({ level: [3] }, { level: num(3) })).toBe(true);
    expect(matches({ level: [3] }, { level: str('3') })).toBe(false);
    expect(matches({ level: [{ numeric: ['>=', 3] }] }, { level: arr(['x', 4]) })).toBe(true);
  });

  it('an empty policy accepts every message', () => {
    expect(matches({}, {})).toBe(true);
    expect(matches({}, { kind: str('announcement') })).toBe(true);
  });
});

describe('the declared channel policies', () => {
  const base = { sharing: str('TLP:CLEAR'), countries: arr(['KE']), regions: arr(['AF']) };
  const policy = (queue: keyof typeof topology.queues) => parseFilterPolicy(topology.queues[queue].subscription.filterPolicy);

  it('send every channel only major changes', () => {
    for (const queue of ['email', 'sms', 'webhook'] as const) {
      expect(matchesFilterPolicy(policy(queue), { ...base, kind: str('security-alert'), change: str('major') })).toBe(true);
      expect(matchesFilterPolicy(policy(queue), { ...base, kind: str('security-alert'), change: str('minor') })).toBe(false);
    }
  });

  it('send SMS only travel advisories and security alerts', () => {
    const sms = policy('sms');
    expect(matchesFilterPolicy(sms, { ...base, kind: str('travel-advisory'), level: num(3), change: str('major') })).toBe(true);
    expect(matchesFilterPolicy(sms, { ...base, kind: str('country-report'), change: str('major') })).toBe(false);
    expect(matchesFilterPolicy(policy('email'), { ...base, kind: str('country-report'), change: str('major') })).toBe(true);
  });
});

describe('parseFilterPolicy', () => {
  const rejects = (policy: unknown, path: string, message: RegExp) => {
    let caught: unknown;
    try {
      parseFilterPolicy(policy);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FilterPolicyError);
    expect((caught as FilterPolicyError).path).toBe(path);
    expect((caught as FilterPolicyError).message).toMatch(message);
  };

  it('accepts JSON text and returns an independent copy', () => {
    const source = { kind: ['travel-advisory'] };
    const parsed = parseFilterPolicy(source);
    expect(parsed).toEqual(source);
    expect(parsed).not.toBe(source);
    expect(parseFilterPolicy('{"level": [{"numeric": [">=", 3]}]}')).toEqual({ level: [{ numeric: ['>=', 3] }] });
  });

  it('rejects malformed policies with the failing path', () => {
    rejects('{"kind": [', '', /not valid JSON/);
    rejects(['kind'], '', /must be a JSON object/);
    rejects({ kind: 'major' }, 'kind', /array of match conditions/);
    rejects({ kind: [] }, 'kind', /empty arrays/);
    rejects({ finding: { region: ['AF'] } }, 'finding', /nested policies are not supported/);
    rejects({ kind: [['a']] }, 'kind[0]', /match value must be/);
    rejects({ kind: [{ regex: 'a.*' }] }, 'kind[0]', /unrecognized match type "regex"/);
    rejects({ kind: [{ prefix: 'a', suffix: 'b' }] }, 'kind[0]', /exactly one key/);
    rejects({ kind: [{ prefix: 1 }] }, 'kind[0].prefix', /takes a string/);
    rejects({ kind: [{ exists: 'yes' }] }, 'kind[0].exists', /true or false/);
    rejects({ kind: [{ 'anything-but': { suffix: 'x' } }] }, 'kind[0].anything-but', /only a nested prefix/);
    rejects({ kind: [{ 'anything-but': [] }] }, 'kind[0].anything-but', /at least one value/);
    rejects({ kind: [{ 'anything-but': [true] }] }, 'kind[0].anything-but[0]', /strings or numbers/);
    rejects({ ip: [{ cidr: '10.0.0.0' }] }, 'ip[0].cidr', /malformed CIDR/);
    rejects({ ip: [{ cidr: '10.0.0.0/33' }] }, 'ip[0].cidr', /malformed CIDR/);
  });

  it('rejects malformed numeric expressions', () => {
    rejects({ n: [{ numeric: ['>'] }] }, 'n[0].numeric', /takes \[operator, number\]/);
    rejects({ n: [{ numeric: ['!=', 1] }] }, 'n[0].numeric[0]', /unrecognized numeric operator/);
    rejects({ n: [{ numeric: ['>', '1'] }] }, 'n[0].numeric[1]', /must be a number/);
    rejects({ n: [{ numeric: ['<', 1, '>', 0] }] }, 'n[0].numeric[0]', /must start with > or >=/);
    rejects({ n: [{ numeric: ['>', 0, '=', 1] }] }, 'n[0].numeric[2]', /must end with < or <=/);
    rejects({ n: [{ numeric: ['>', 5, '<', 5] }] }, 'n[0].numeric', /lower bound must be less/);
    rejects({ n: [{ numeric: ['>', 2e9] }] }, 'n[0].numeric[1]', /between/);
    rejects({ n: [1e10] }, 'n[0]', /between/);
  });

  it('enforces the SNS limits of five attribute names and 150 combinations', () => {
    rejects({ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] }, '', /at most 5 attributes/);
    rejects({ a: ['1'], $or: [{ b: ['1'], c: ['1'] }, { d: ['1'], e: ['1'], f: ['1'] }] }, '', /at most 5 attributes/);
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
    expect(() => parseFilterPolicy({ a: values(10), b: values(15) })).not.toThrow();
    rejects({ a: values(10), b: values(16) }, '', /combination of values is 160/);
    rejects({ a: values(10), $or: [{ b: values(8) }, { c: values(8) }] }, '', /combination of values is 160/);
  });

  it('rejects an empty $or alternative', () => {
    rejects({ $or: [{}, { a: ['1'] }] }, '$or[0]', /at least one attribute/);
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

/** Short words over a tiny alphabet, so generated values often collide. */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '-'), maxLength: 4 });
const smallNumber = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
const names = ['a', 'b', 'c', 'd'] as const;
const attributeName = fc.constantFrom(...names);

const stringAttribute = word.map(str);
const numberAttribute = smallNumber.map((n) => num(n));
const arrayAttribute = fc.array(fc.oneof(word, fc.integer({ min: -5, max: 5 })), { maxLength: 3 }).map(arr);
const anyAttribute = fc.oneof(stringAttribute, numberAttribute, arrayAttribute);
const attributes = fc.dictionary(attributeName, anyAttribute, { maxKeys: 4 }) as fc.Arbitrary<MessageAttributes>;

/** Bounds and values share a small integer range so boundaries are hit often. */
const bound = fc.integer({ min: -6, max: 6 });
const numericExpression: fc.Arbitrary<NumericExpression> = fc.oneof(
  fc.tuple(fc.constantFrom('=', '<', '<=', '>', '>=' as const), bound).map(([op, n]): NumericExpression => [op, n]),
  fc
    .tuple(fc.constantFrom('>', '>=' as const), bound, fc.constantFrom('<', '<=' as const), fc.integer({ min: 1, max: 6 }))
    .map(([lower, n, upper, width]): NumericExpression => [lower, n, upper, n + width]),
);
const literal = fc.oneof(word, fc.integer({ min: -5, max: 5 }));
const condition: fc.Arbitrary<FilterCondition> = fc.oneof(
  literal,
  word.map((prefix) => ({ prefix })),
  word.map((suffix) => ({ suffix })),
  word.map((text) => ({ 'equals-ignore-case': text })),
  numericExpression.map((numeric) => ({ numeric })),
  fc.boolean().map((exists) => ({ exists })),
  fc.array(literal, { minLength: 1, maxLength: 3 }).map((list) => ({ 'anything-but': list })),
  word.map((prefix) => ({ 'anything-but': { prefix } })),
);
/** Simple policies: one to three attribute names, each with one to three conditions. */
const simplePolicy = fc.dictionary(attributeName, fc.array(condition, { minLength: 1, maxLength: 3 }), {
  minKeys: 1,
  maxKeys: 3,
}) as fc.Arbitrary<FilterPolicy>;

describe('filter policy properties', () => {
  it('exact string matching matches exactly when the values are equal', () => {
    assertProperty(fc.property(word, word, (value, wanted) => matches({ a: [wanted] }, { a: str(value) }) === (value === wanted)));
  });

  it('a String.Array matches when any element equals any policy value', () => {
    assertProperty(
      fc.property(fc.array(word, { maxLength: 4 }), fc.array(word, { minLength: 1, maxLength: 3 }), (elements, wanted) => {
        return matches({ a: wanted }, { a: arr(elements) }) === elements.some((element) => wanted.includes(element));
      }),
    );
  });

  it('anything-but is the complement of exact matching for present attributes', () => {
    assertProperty(
      fc.property(anyAttribute, fc.array(literal, { minLength: 1, maxLength: 3 }), (attribute, list) => {
        return matches({ a: [{ 'anything-but': list }] }, { a: attribute }) === !matches({ a: list }, { a: attribute });
      }),
    );
  });

  it('anything-but prefix is the complement of prefix matching for present attributes', () => {
    assertProperty(
      fc.property(fc.oneof(stringAttribute, arrayAttribute), word, (attribute, prefix) => {
        return matches({ a: [{ 'anything-but': { prefix } }] }, { a: attribute }) === !matches({ a: [{ prefix }] }, { a: attribute });
      }),
    );
  });

  it('anything-but never matches a missing attribute', () => {
    assertProperty(
      fc.property(fc.array(literal, { minLength: 1, maxLength: 3 }), attributes, (list, others) => {
        const { a: _removed, ...rest } = others;
        return !matches({ a: [{ 'anything-but': list }] }, rest);
      }),
    );
  });

  it('numeric range matching agrees with a direct comparison', () => {
    const compare = (x: number, op: string, y: number) =>
      op === '=' ? x === y : op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
    assertProperty(
      fc.property(fc.oneof(fc.integer({ min: -12, max: 12 }), smallNumber), numericExpression, (value, expression) => {
        const [op, n, upperOp, upper] = expression;
        const expected = compare(value, op, n) && (upperOp === undefined || compare(value, upperOp, upper as number));
        return matches({ a: [{ numeric: expression }] }, { a: num(value) }) === expected;
      }),
    );
  });

  it('prefix, suffix and equals-ignore-case agree with the string functions', () => {
    assertProperty(
      fc.property(word, word, (value, pattern) => {
        const at = { a: str(value) };
        return (
          matches({ a: [{ prefix: pattern }] }, at) === value.startsWith(pattern) &&
          matches({ a: [{ suffix: pattern }] }, at) === value.endsWith(pattern) &&
          matches({ a: [{ 'equals-ignore-case': pattern }] }, at) === (value.toLowerCase() === pattern.toLowerCase())
        );
      }),
    );
  });

  it('exists: true and exists: false are complements while another attribute is present', () => {
    assertProperty(
      fc.property(attributes, anyAttribute, (others, z) => {
        const message = { ...others, z };
        return matches({ a: [{ exists: true }] }, message) === !matches({ a: [{ exists: false }] }, message);
      }),
    );
  });

  it('conditions on one attribute are OR-ed', () => {
    assertProperty(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 4 }), attributes, (conditions, message) => {
        return matches({ a: conditions }, message) === conditions.some((c) => matches({ a: [c] }, message));
      }),
    );
  });

  it('$or equals the OR of its alternatives', () => {
    assertProperty(
      fc.property(simplePolicy, simplePolicy, attributes, (left, right, message) => {
        return matches({ $or: [left, right] }, message) === (matches(left, message) || matches(right, message));
      }),
    );
  });

  it('a sibling of $or is AND-ed with it', () => {
    assertProperty(
      fc.property(simplePolicy, simplePolicy, fc.array(condition, { minLength: 1, maxLength: 2 }), attributes, (left, right, common, message) => {
        const policy = { d: common, $or: [left, right] };
        const expected = matches({ d: common }, message) && (matches(left, message) || matches(right, message));
        return matches(policy, message) === expected;
      }),
    );
  });

  it('AND across keys equals the conjunction of each key', () => {
    assertProperty(
      fc.property(simplePolicy, attributes, (policy, message) => {
        const each = Object.entries(policy).every(([key, rule]) => matches({ [key]: rule }, message));
        return matches(policy, message) === each;
      }),
    );
  });

  it('Binary attributes count as absent', () => {
    assertProperty(
      fc.property(simplePolicy, attributes, (policy, message) => {
        const withBinary = { ...message, c: { DataType: 'Binary', BinaryValue: new Uint8Array([7]) } as const };
        const { c: _removed, ...without } = message;
        return matches(policy, withBinary) === matches(policy, without);
      }),
    );
  });

  it('accepts every generated policy and round-trips it through JSON', () => {
    assertProperty(
      fc.property(simplePolicy, simplePolicy, (left, right) => {
        const policy = { $or: [left, right] };
        expect(parseFilterPolicy(JSON.stringify(policy))).toEqual(policy);
      }),
    );
  });
});
