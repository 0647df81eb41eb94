import { Aws, Validations, type Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { FunctionSpec } from '../../../shared/topology';
import type { Email } from '../constructs/email-feedback';
import { HandlerFunction } from '../constructs/handler-function';
import type { Operations } from '../constructs/operations';
import { NO_SENDER, type OutpostContext } from '../context';

/** Every SMS-related action AWS offers only on `Resource: *` (phone numbers are not resources). */
const SMS_WILDCARD_REASON =
  'SMS actions (Publish to a phone number, CheckIfPhoneNumberIsOptedOut, ListPhoneNumbersOptedOut) have no resource ARN, so AWS requires Resource "*" (the topic grant is separate and scoped); the SMS queue\'s maximum concurrency bounds the cost.';

/** What sending one SMS calls (sns-sms-sender): the opt-out check, then Publish to the number. */
export const SMS_SEND_ACTIONS = ['sns:CheckIfPhoneNumberIsOptedOut', 'sns:Publish'];

/** The DynamoDB actions a function may be allowed on the table, named as IAM names them without the `dynamodb:` prefix. */
type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';
const TABLE_READS: readonly TableAction[] = ['GetItem', 'BatchGetItem', 'Query'];

/** What TransactWriteItems may hold: IAM authorizes each item of a transaction by its own action. */
export const TRANSACT_WRITE: readonly TableAction[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'];

export interface FunctionFactoryProps {
  readonly settings: OutpostContext;
  readonly logRetention: logs.RetentionDays;
  readonly table: dynamodb.Table;
  readonly email: Email;
  readonly key: kms.IKey;
  readonly linkSecret: secretsmanager.ISecret;
  readonly ops: Operations;
  /** PUBLIC_BASE_URL: a token the edge resolves at synth time. */
  readonly baseUrl: string;
}

/** What one function adds to the common configuration. */
export interface FunctionExtras {
  env: Record<string, string>;
  /** Why the function's default policy holds further `Resource: *` grants. */
  wildcards: string[];
  description: string;
}

/**
 * Makes the stack's functions, each a `HandlerFunction` directly in the
 * stack's scope (so logical ids read `Api…`, `DeliverEmail…`), with the
 * common configuration and its errors/throttles alarms; and grants them the
 * few things beyond the table that they call, each as narrowly as AWS allows.
 */
export class FunctionFactory {
  readonly functions: Record<string, HandlerFunction> = {};

  constructor(
    private readonly stack: Stack,
    private readonly props: FunctionFactoryProps,
  ) {}

  /** The configuration every function's wiring may parse; secrets only by ARN. */
  private commonEnvironment(): Record<string, string> {
    const { table, settings, email, linkSecret, baseUrl } = this.props;
    return {
      TABLE_NAME: table.tableName,
      PUBLIC_BASE_URL: baseUrl,
      SENDER_EMAIL: settings.senderEmail ?? NO_SENDER,
      SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
      LINK_SIGNING_SECRET_ARN: linkSecret.secretArn,
    };
  }

  /** One function from its topology spec, registered by `name` and watched by the operations alarms. */
  make(name: string, spec: FunctionSpec, extra: Partial<FunctionExtras> = {}): HandlerFunction {
    const fn = new HandlerFunction(this.stack, name, {
      spec,
      environment: { ...this.commonEnvironment(), ...extra.env },
      logRetention: this.props.logRetention,
      ...(extra.wildcards ? { otherWildcardResources: extra.wildcards } : {}),
      ...(extra.description ? { description: extra.description } : {}),
    });
    this.functions[name] = fn;
    this.props.ops.watchFunction(name, fn.function);
    return fn;
  }

  /**
   * Exactly these DynamoDB actions on the table, and on its indexes when the
   * function queries (the test in tests/infra/role-permissions.test.ts holds
   * the list to the commands the function's bundle sends). A function given
   * reads only is recorded read-only.
   */
  allowTable(fn: HandlerFunction, actions: readonly TableAction[]): void {
    const { table } = this.props;
    const queries = actions.includes('Query');
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'Table',
        actions: [...new Set(actions)].map((action) => `dynamodb:${action}`),
        resources: [table.tableArn, ...(queries ? [`${table.tableArn}/index/*`] : [])],
      }),
    );
    fn.tableAccess = actions.every((action) => TABLE_READS.includes(action)) ? 'read' : 'read-write';
    if (queries) {
      const tableArn = `<${this.stack.getLogicalId(table.node.defaultChild as Parameters<Stack['getLogicalId']>[0])}.Arn>`;
      fn.acknowledge(`AwsSolutions-IAM5[Resource::${tableArn}/index/*]`, 'Queries use the table’s global secondary indexes (gsi1–gsi3); the grant names this one table’s indexes only.');
    }
  }

  /** Reading one secret's value; nothing else about it (no DescribeSecret, which grantRead adds). */
  readSecret(fn: HandlerFunction, secret: secretsmanager.ISecret, sid: string): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ sid, actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
  }

  /** SES sending from the verified identity, in the stack's configuration set only: one message at a time, or in bulk (the email worker). */
  sendEmail(fn: HandlerFunction, how: 'single' | 'bulk'): void {
    const { email } = this.props;
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'SendEmailAsOutpost',
        actions: how === 'bulk' ? ['ses:SendBulkEmail'] : ['ses:SendEmail'],
        // Without an identity (a dev stage with no sender) the grant names the configuration set alone, and SES refuses to send.
        resources: [...(email.identity ? [email.identity.emailIdentityArn] : []), this.stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: email.configurationSet.configurationSetName })],
      }),
    );
  }

  /**
   * Sending to one encrypted topic or queue. CDK's grantPublish /
   * grantSendMessages add kms:GenerateDataKey* and kms:ReEncrypt*; sending
   * needs only kms:GenerateDataKey and kms:Decrypt on the messaging key.
   */
  allowSend(fn: HandlerFunction, sid: string, actions: string[], resource: string): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ sid, actions, resources: [resource] }));
    fn.function.addToRolePolicy(new iam.PolicyStatement({ sid: `${sid}Encrypted`, actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.props.key.keyArn] }));
  }

  /**
   * SMS actions, which AWS offers only on `Resource: *`, in a policy of
   * their own (`SmsPolicy`) with the reason acknowledged: SMS_SEND_ACTIONS
   * for a function that texts people, the opt-out listing for reconciliation.
   * `sns:Publish` on `*` would also reach every topic, so a function that
   * texts is denied Publish on topic ARNs: a phone number is not one. A
   * function that texts sends from the two-way number when there is one.
   */
  allowSms(fn: HandlerFunction, sid: string, actions: readonly string[]): void {
    const statements = [new iam.PolicyStatement({ sid, actions: [...actions], resources: ['*'] })];
    if (actions.includes('sns:Publish')) {
      if (this.props.settings.smsOriginationNumber) fn.function.addEnvironment('SMS_ORIGINATION_NUMBER', this.props.settings.smsOriginationNumber);
      statements.push(new iam.PolicyStatement({ sid: 'NoTopicPublish', effect: iam.Effect.DENY, actions: ['sns:Publish'], resources: [`arn:${Aws.PARTITION}:sns:*:*:*`] }));
    }
    const policy = new iam.Policy(fn, 'SmsPolicy', { statements });
    fn.role.attachInlinePolicy(policy);
    Validations.of(policy).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: SMS_WILDCARD_REASON });
  }

  /**
   * The cdk-nag findings every function shares, acknowledged once all of
   * them exist. `invokedAsynchronously` lists the functions that acknowledge
   * the async dead-letter finding with a reason of their own.
   */
  acknowledgeShared(invokedAsynchronously: readonly HandlerFunction[]): void {
    const noAsyncInvocations = 'Invoked synchronously (API Gateway) or by an event source mapping, never asynchronously, so an async dead-letter queue would receive nothing; failures surface through the mapping\'s own dead letters and the errors alarm.';
    for (const fn of Object.values(this.functions)) {
      if (!invokedAsynchronously.includes(fn)) fn.acknowledgeOnFunction('Serverless-LambdaDLQ', noAsyncInvocations);
    }
  }
}
