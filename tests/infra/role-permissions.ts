import { actionsForCommands, RESOURCELESS_ACTIONS } from '../../infra/aws/sdk-actions';
import type { SdkImports } from '../../infra/aws/lambda-bundle';

/**
 * Compares what one function's role allows with what the function calls:
 * the SDK commands its bundle imports (infra/aws/sdk-actions.ts says which
 * actions each needs), plus what Lambda itself does on the function's
 * behalf (its log group, X-Ray, reading its event sources, its on-failure
 * destination) and the KMS use of the encrypted queues and topics it
 * touches. Works on a synthesized template as JSON, so it can judge any
 * commit's template.
 */

/** A CloudFormation template as JSON. */
export interface TemplateJson {
  Resources: Record<string, { Type: string; Properties?: Record<string, any> }>;
}

/** One function to judge: its logical ids, its bundle's SDK imports, and whether its table access is read-only by design. */
export interface FunctionUnderTest {
  name: string;
  functionLogicalId: string;
  roleLogicalId: string;
  sdk: Pick<SdkImports, 'commands'>;
  /**
   * The bundle holds whole repository classes, write methods included, but
   * the routes it serves only read: its role must allow the reads and no write.
   */
  readOnlyTable?: boolean;
}

export interface PermissionFinding {
  function: string;
  problem: 'missing' | 'unneeded' | 'wildcard-action' | 'wildcard-resource' | 'unknown-command' | 'topic-publish-not-denied';
  detail: string;
}

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
}

const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];
const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const TRACING = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
/** What the Lambda poller calls on a queue it drains (the AWSLambdaSQSQueueExecutionRole actions). */
const SQS_POLLER = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
/** What the Lambda poller calls on a DynamoDB stream it reads. */
const STREAM_POLLER = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
/** Sending to a KMS-encrypted queue or topic: a data key, and decrypting it (SQS and SNS both ask for both). */
const KMS_SEND = ['kms:GenerateDataKey', 'kms:Decrypt'];

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/** Every statement of the inline policies attached to a role, and of the role's own `Policies`. */
function statementsOfRole(template: TemplateJson, roleLogicalId: string): Statement[] {
  const attached = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties?.Roles as { Ref?: string }[] | undefined)?.some((role) => role.Ref === roleLogicalId))
    .flatMap((r) => r.Properties!.PolicyDocument.Statement as Statement[]);
  const own = ((template.Resources[roleLogicalId]?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
  return [...attached, ...own];
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, if it is one. */
function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string') return ref;
  const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

function encrypted(template: TemplateJson, logicalId: string | undefined): boolean {
  const resource = logicalId ? template.Resources[logicalId] : undefined;
  return Boolean(resource && ['AWS::SQS::Queue', 'AWS::SNS::Topic'].includes(resource.Type) && resource.Properties?.KmsMasterKeyId);
}

/** What Lambda does for the function: logs, tracing, its event sources and on-failure destinations. */
function platformActions(template: TemplateJson, fn: FunctionUnderTest): string[] {
  const props = template.Resources[fn.functionLogicalId]?.Properties ?? {};
  const actions = [...LOGS];
  if (props.TracingConfig?.Mode === 'Active') actions.push(...TRACING);
  const mappings = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping' && referencedId(r.Properties?.FunctionName) === fn.functionLogicalId);
  for (const mapping of mappings) {
    const sourceId = referencedId(mapping.Properties!.EventSourceArn);
    const source = sourceId ? template.Resources[sourceId] : undefined;
    if (source?.Type === 'AWS::SQS::Queue') {
      actions.push(...SQS_POLLER);
      if (encrypted(template, sourceId)) actions.push('kms:Decrypt');
    } else if (source?.Type === 'AWS::DynamoDB::Table') actions.push(...STREAM_POLLER);
    const destinationId = referencedId(mapping.Properties!.DestinationConfig?.OnFailure?.Destination);
    if (destinationId && template.Resources[destinationId]?.Type === 'AWS::SQS::Queue') {
      actions.push('sqs:SendMessage');
      if (encrypted(template, destinationId)) actions.push(...KMS_SEND);
    }
  }
  return actions;
}

/** `kms:GenerateDataKey*` matches `kms:GenerateDataKey`; exact names match themselves. */
function matches(pattern: string, action: string): boolean {
  if (!pattern.includes('*')) return pattern === action;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(action);
}

/** A `Deny sns:Publish` on every topic ARN (`arn:<partition>:sns:*:*:*`), which leaves SMS to phone numbers allowed. */
function deniesTopicPublish(statements: Statement[]): boolean {
  return statements.some((s) => s.Effect === 'Deny' && list(s.Action).includes('sns:Publish') && /^arn:[^:]*:sns:\*(:\*){2}$/.test(resourceText(s.Resource)));
}

/** A resource as text, with `${AWS::Partition}` and the like left as a placeholder. */
function resourceText(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const join = (resource as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  if (join) return join[1].map((part) => (typeof part === 'string' ? part : 'aws')).join(join[0]);
  return JSON.stringify(resource);
}

/** Everything wrong with one function's role; empty when it allows exactly what the function needs. */
export function checkRolePermissions(template: TemplateJson, fn: FunctionUnderTest): PermissionFinding[] {
  const findings: PermissionFinding[] = [];
  const finding = (problem: PermissionFinding['problem'], detail: string) => findings.push({ function: fn.name, problem, detail });
  const statements = statementsOfRole(template, fn.roleLogicalId);
  const allows = statements.filter((s) => s.Effect === 'Allow');

  const commands = actionsForCommands(fn.sdk);
  for (const command of commands.unknown) finding('unknown-command', `${command}: add its IAM actions to infra/aws/sdk-actions.ts`);
  const needed = new Set([...commands.actions, ...platformActions(template, fn)]);
  // Sending to this stack's encrypted queues and topics also takes the messaging key.
  const sendsEncrypted = allows.some((s) => list(s.Action).some((a) => a === 'sqs:SendMessage' || a === 'sns:Publish') && [s.Resource].flat().some((r) => encrypted(template, referencedId(r))));
  if (sendsEncrypted) for (const action of KMS_SEND) needed.add(action);
  if (fn.readOnlyTable) for (const action of TABLE_WRITES) needed.delete(action);

  const allowed = [...new Set(allows.flatMap((s) => list(s.Action)))];
  for (const action of [...needed].sort()) {
    if (!allowed.some((pattern) => matches(pattern, action))) finding('missing', `${action} is needed but not allowed`);
  }
  for (const pattern of allowed.sort()) {
    if (pattern.includes('*')) finding('wildcard-action', `${pattern} allows more than a named action`);
    else if (![...needed].some((action) => matches(pattern, action))) finding('unneeded', `${pattern} is allowed but nothing the function calls needs it`);
  }
  for (const s of allows) {
    if (![s.Resource].flat().includes('*')) continue;
    for (const action of list(s.Action)) if (!RESOURCELESS_ACTIONS.has(action)) finding('wildcard-resource', `${action} on Resource "*" where a resource ARN could be named`);
  }
  const publishesAnywhere = allows.some((s) => list(s.Action).includes('sns:Publish') && [s.Resource].flat().includes('*'));
  if (publishesAnywhere && !deniesTopicPublish(statements)) finding('topic-publish-not-denied', 'sns:Publish on "*" (SMS to phone numbers) without a Deny of sns:Publish on every topic ARN');
  return findings;
}
