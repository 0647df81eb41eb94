import type { Node } from 'constructs';

/**
 * Deploy-time settings, read from CDK context (`cdk.json` or `-c key=value`)
 * and checked once, at synth time.
 *
 * The `stage` says what may be left out. `dev` (the default) synthesizes
 * with nothing set: no sender means no SES identity (email stays off), and
 * CloudFront runs on its own domain without a web ACL. `prod` refuses to
 * synthesize until everything a production deployment needs is named: a
 * verified sender domain, a custom domain with its certificate, the web ACL
 * of the WAF stack (infra/aws/waf-app.ts) and who receives the alarms.
 *
 * @example
 * npx cdk deploy -c stage=prod -c senderDomain=osac.example -c alarmEmail=ops@osac.example \
 *   -c domainName=outpost.osac.example -c certificateArn=arn:aws:acm:us-east-1:… -c webAclArn=arn:aws:wafv2:us-east-1:…
 */
export interface OutpostContext {
  readonly stage: Stage;
  /** The From address of every email; absent in a dev stage without a verified sender. */
  readonly senderEmail?: string;
  /** The domain SES verifies with DKIM; `senderEmail` is an address in it. */
  readonly senderDomain?: string;
  /** Who receives the alarms (the alarm topic's email subscriptions). */
  readonly alarmEmails: readonly string[];
  /** Custom domain for CloudFront, with its ACM certificate in us-east-1. */
  readonly domainName?: string;
  readonly certificateArn?: string;
  /** A WAFv2 web ACL (CLOUDFRONT scope, us-east-1) for the distribution. */
  readonly webAclArn?: string;
  /** Days CloudWatch keeps function and access logs. */
  readonly logRetentionDays: number;
  /** Steady-state requests per second and burst for the API's default route. */
  readonly apiRateLimit: number;
  readonly apiBurstLimit: number;
  /** Monthly SMS spend, in US dollars, at which the SMS spend alarm fires (set the account's SNS spend limit above it). */
  readonly smsMonthlyBudgetUsd: number;
  /** The account's SES maximum send rate and SMS rate (a second): the workers' shared send rates and, through the capacity model, their triggers' concurrency. */
  readonly sesSendRate: number;
  readonly smsSendRate: number;
  /** The End User Messaging origination number (`phone-…`) that sends SMS and receives the replies; the deploy prints the command that makes its two-way channel the inbound topic. */
  readonly smsOriginationNumberId?: string;
  /**
   * That number in E.164 (`+12025550100`): every SMS is sent from it
   * (`AWS.MM.SMS.OriginationNumber`), since a SAFE or HELP reply reaches the
   * inbound topic only when it answers the number with the two-way channel.
   */
  readonly smsOriginationNumber?: string;
  /** An existing SNS topic the number's two-way channel already publishes to; without it the stack creates the inbound topic. */
  readonly smsInboundTopicArn?: string;
}

/** A context value that is wrong or, in a prod stage, missing: the message says which and how to give it. */
export class ContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextError';
  }
}

const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/** The address a dev stage's functions are configured with when no sender is given; no identity is created for it, so SES refuses to send. */
export const NO_SENDER = 'no-sender@outpost.invalid';

const EMAIL = /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ContextError(`Context ${key} must be a string.`);
  return value.trim();
}

function integer(node: Node, key: string, fallback: number): number {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ContextError(`Context ${key} must be a positive integer, got ${String(raw)}.`);
  return value;
}

function stageOf(node: Node): Stage {
  const stage = text(node, 'stage') ?? 'dev';
  if (!(STAGES as readonly string[]).includes(stage)) throw new ContextError(`Context stage must be one of ${STAGES.join(', ')}, got ${stage}.`);
  return stage as Stage;
}

/** What a prod stage still lacks, each with how to provide it; empty when it has everything. */
function prodRequirements(settings: OutpostContext): string[] {
  const missing: string[] = [];
  if (!settings.senderDomain) missing.push('senderDomain: the domain SES verifies with DKIM for the From address (senderEmail defaults to alerts@<senderDomain>)');
  if (!settings.domainName || !settings.certificateArn) missing.push('domainName and certificateArn: the public domain and its ACM certificate in us-east-1');
  if (!settings.webAclArn) missing.push('webAclArn: the web ACL with rate-based rules that the WAF stack outputs (npx cdk deploy --app "npx tsx infra/aws/waf-app.ts")');
  if (settings.alarmEmails.length === 0) missing.push('alarmEmail: who receives the alarms (one address, or several separated by commas)');
  return missing;
}

/** Reads and checks the context once, at synth time, failing loudly on a bad or (in prod) missing value. */
export function readContext(node: Node): OutpostContext {
  const stage = stageOf(node);
  const senderDomain = text(node, 'senderDomain')?.toLowerCase();
  if (senderDomain && !DOMAIN.test(senderDomain)) throw new ContextError(`Context senderDomain is not a domain name: ${senderDomain}`);
  const senderEmail = text(node, 'senderEmail') ?? (senderDomain ? `alerts@${senderDomain}` : undefined);
  if (senderEmail && !EMAIL.test(senderEmail)) throw new ContextError(`Context senderEmail is not an email address: ${senderEmail}`);
  if (senderDomain && senderEmail && !senderEmail.toLowerCase().endsWith(`@${senderDomain}`)) throw new ContextError(`Context senderEmail must be an address of senderDomain ${senderDomain}.`);
  const domainName = text(node, 'domainName')?.toLowerCase();
  const certificateArn = text(node, 'certificateArn');
  if (domainName && !certificateArn) throw new ContextError('Context domainName needs certificateArn (an ACM certificate in us-east-1 covering it).');
  if (certificateArn && !domainName) throw new ContextError('Context certificateArn needs domainName (the domain it covers).');
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\//.test(certificateArn)) throw new ContextError('Context certificateArn must be an ACM certificate in us-east-1 (CloudFront requires it).');
  const webAclArn = text(node, 'webAclArn');
  if (webAclArn && !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\//.test(webAclArn)) throw new ContextError('Context webAclArn must be a WAFv2 web ACL of CLOUDFRONT scope (arn:aws:wafv2:us-east-1:<account>:global/webacl/…).');
  const smsOriginationNumberId = text(node, 'smsOriginationNumberId');
  if (smsOriginationNumberId && !/^(?:arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:phone-number\/)?phone-[0-9A-Za-z]{1,64}$/.test(smsOriginationNumberId)) throw new ContextError(`Context smsOriginationNumberId must be an End User Messaging phone number id (phone-…) or its ARN, got ${smsOriginationNumberId}.`);
  const smsOriginationNumber = text(node, 'smsOriginationNumber');
  if (smsOriginationNumber && !/^\+[1-9]\d{6,14}$/.test(smsOriginationNumber)) throw new ContextError(`Context smsOriginationNumber must be a phone number in E.164 form (+12025550100), got ${smsOriginationNumber}.`);
  if (Boolean(smsOriginationNumberId) !== Boolean(smsOriginationNumber)) {
    throw new ContextError('Context smsOriginationNumberId and smsOriginationNumber go together: the id names the two-way number, and SMS must be sent from that number (in E.164) for replies to reach the stack.');
  }
  const smsInboundTopicArn = text(node, 'smsInboundTopicArn');
  if (smsInboundTopicArn && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(smsInboundTopicArn)) throw new ContextError(`Context smsInboundTopicArn must be a standard SNS topic ARN (End User Messaging does not publish to FIFO topics), got ${smsInboundTopicArn}.`);
  const alarmEmails = (text(node, 'alarmEmail') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  for (const address of alarmEmails) if (!EMAIL.test(address)) throw new ContextError(`Context alarmEmail holds something that is not an email address: ${address}`);

  const settings: OutpostContext = {
    stage,
    ...(senderEmail ? { senderEmail } : {}),
    ...(senderDomain ? { senderDomain } : {}),
    alarmEmails,
    ...(domainName && certificateArn ? { domainName, certificateArn } : {}),
    ...(webAclArn ? { webAclArn } : {}),
    logRetentionDays: integer(node, 'logRetentionDays', stage === 'prod' ? 365 : 90),
    apiRateLimit: integer(node, 'apiRateLimit', 200),
    apiBurstLimit: integer(node, 'apiBurstLimit', 400),
    smsMonthlyBudgetUsd: integer(node, 'smsMonthlyBudgetUsd', 100),
    // A new production account's SES rate and the SNS SMS default; raise them here when AWS raises the account's.
    sesSendRate: integer(node, 'sesSendRate', 14),
    smsSendRate: integer(node, 'smsSendRate', 20),
    ...(smsOriginationNumberId && smsOriginationNumber ? { smsOriginationNumberId, smsOriginationNumber } : {}),
    ...(smsInboundTopicArn ? { smsInboundTopicArn } : {}),
  };
  if (stage === 'prod') {
    const missing = prodRequirements(settings);
    if (missing.length > 0) throw new ContextError(`Stage prod cannot be synthesized without:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  }
  return settings;
}
