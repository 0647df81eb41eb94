import type { Node } from 'constructs';

/**
 * Deploy-time settings, read from CDK context (`cdk.json` or `-c key=value`).
 * Every value is optional so that `npm run synth` works offline with no
 * account; docs/operations.md lists what a real deployment sets.
 *
 * @example
 * npx cdk deploy -c senderEmail=alerts@osac.example -c alarmEmail=ops@osac.example \
 *   -c domainName=outpost.example -c certificateArn=arn:aws:acm:us-east-1:…
 */
export interface OutpostContext {
  /** The From address of every email; SES must verify it (or its domain). */
  readonly senderEmail: string;
  /** Verify the whole domain (DKIM) instead of the single sender address. */
  readonly senderDomain?: string;
  /** Subscribed to the alarm topic when present. */
  readonly alarmEmail?: string;
  /** Custom domain for CloudFront; needs `certificateArn` (ACM, us-east-1). */
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** A WAFv2 web ACL (CLOUDFRONT scope, us-east-1) to attach to the distribution. */
  readonly webAclArn?: string;
  /** Days CloudWatch keeps function and access logs. */
  readonly logRetentionDays: number;
  /** Steady-state requests per second and burst for the API's default route. */
  readonly apiRateLimit: number;
  readonly apiBurstLimit: number;
}

/** The address used when no `senderEmail` is given; synth works, deploy should not use it. */
const PLACEHOLDER_SENDER = 'alerts@example.com';

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string.`);
  return value.trim();
}

function integer(node: Node, key: string, fallback: number): number {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`Context ${key} must be a positive integer, got ${String(raw)}.`);
  return value;
}

/** Reads and checks the context once, at synth time, failing loudly on a bad value. */
export function readContext(node: Node): OutpostContext {
  const senderEmail = text(node, 'senderEmail') ?? PLACEHOLDER_SENDER;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(senderEmail)) throw new Error(`Context senderEmail is not an email address: ${senderEmail}`);
  const domainName = text(node, 'domainName');
  const certificateArn = text(node, 'certificateArn');
  if (domainName && !certificateArn) throw new Error('Context domainName needs certificateArn (an ACM certificate in us-east-1 covering it).');
  if (certificateArn && !certificateArn.startsWith('arn:aws:acm:us-east-1:')) throw new Error('Context certificateArn must be an ACM certificate in us-east-1 (CloudFront requires it).');
  const senderDomain = text(node, 'senderDomain');
  if (senderDomain && !senderEmail.endsWith(`@${senderDomain}`)) throw new Error(`Context senderEmail must be an address of senderDomain ${senderDomain}.`);
  return {
    senderEmail,
    ...(senderDomain ? { senderDomain } : {}),
    ...(text(node, 'alarmEmail') ? { alarmEmail: text(node, 'alarmEmail') } : {}),
    ...(domainName && certificateArn ? { domainName, certificateArn } : {}),
    ...(text(node, 'webAclArn') ? { webAclArn: text(node, 'webAclArn') } : {}),
    logRetentionDays: integer(node, 'logRetentionDays', 90),
    apiRateLimit: integer(node, 'apiRateLimit', 200),
    apiBurstLimit: integer(node, 'apiBurstLimit', 400),
  };
}
