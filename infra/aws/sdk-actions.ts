import type { SdkImports } from './lambda-bundle';

/**
 * The IAM actions each AWS SDK command a function may send needs, by
 * package: what the role of a function must allow for the commands its
 * bundle imports (tests/infra/role-permissions.test.ts compares the two).
 * A command missing here fails that test until its actions are written down.
 *
 * `TransactWriteCommand` may hold puts, updates, deletes and condition
 * checks, and IAM authorizes each item by its own action, so it needs all
 * four; DynamoDB has no action of its own for the transaction.
 */
const COMMAND_ACTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '@aws-sdk/lib-dynamodb': {
    GetCommand: ['dynamodb:GetItem'],
    QueryCommand: ['dynamodb:Query'],
    BatchGetCommand: ['dynamodb:BatchGetItem'],
    PutCommand: ['dynamodb:PutItem'],
    UpdateCommand: ['dynamodb:UpdateItem'],
    DeleteCommand: ['dynamodb:DeleteItem'],
    BatchWriteCommand: ['dynamodb:BatchWriteItem'],
    TransactGetCommand: ['dynamodb:GetItem'],
    TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  },
  '@aws-sdk/client-dynamodb': {
    GetItemCommand: ['dynamodb:GetItem'],
    QueryCommand: ['dynamodb:Query'],
    PutItemCommand: ['dynamodb:PutItem'],
    UpdateItemCommand: ['dynamodb:UpdateItem'],
    DeleteItemCommand: ['dynamodb:DeleteItem'],
    DescribeTableCommand: ['dynamodb:DescribeTable'],
  },
  '@aws-sdk/client-sns': {
    PublishCommand: ['sns:Publish'],
    CheckIfPhoneNumberIsOptedOutCommand: ['sns:CheckIfPhoneNumberIsOptedOut'],
    ListPhoneNumbersOptedOutCommand: ['sns:ListPhoneNumbersOptedOut'],
  },
  '@aws-sdk/client-sesv2': {
    // SES v2 authorizes SendEmail as ses:SendEmail whatever the content (simple, raw or template).
    SendEmailCommand: ['ses:SendEmail'],
    SendBulkEmailCommand: ['ses:SendBulkEmail'],
  },
  '@aws-sdk/client-sqs': {
    SendMessageCommand: ['sqs:SendMessage'],
    // SQS authorizes a batch by the action of its entries.
    SendMessageBatchCommand: ['sqs:SendMessage'],
  },
  '@aws-sdk/client-secrets-manager': {
    GetSecretValueCommand: ['secretsmanager:GetSecretValue'],
    DescribeSecretCommand: ['secretsmanager:DescribeSecret'],
    PutSecretValueCommand: ['secretsmanager:PutSecretValue'],
    UpdateSecretVersionStageCommand: ['secretsmanager:UpdateSecretVersionStage'],
  },
  '@aws-sdk/client-cloudfront': {
    GetDistributionConfigCommand: ['cloudfront:GetDistributionConfig'],
    UpdateDistributionCommand: ['cloudfront:UpdateDistribution'],
  },
};

/**
 * Actions AWS authorizes on `Resource: *` only, because they act on no
 * resource with an ARN: SMS to a phone number and the opt-out list, X-Ray
 * segments, listing a table's streams.
 */
export const RESOURCELESS_ACTIONS: ReadonlySet<string> = new Set([
  'sns:Publish',
  'sns:CheckIfPhoneNumberIsOptedOut',
  'sns:ListPhoneNumbersOptedOut',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'dynamodb:ListStreams',
]);

/** What a bundle's SDK commands need: the actions, and the commands this table does not know yet. */
export interface CommandActions {
  actions: Set<string>;
  unknown: string[];
}

/** The IAM actions the SDK commands of one bundle need. */
export function actionsForCommands(sdk: Pick<SdkImports, 'commands'>): CommandActions {
  const actions = new Set<string>();
  const unknown: string[] = [];
  for (const [pkg, commands] of Object.entries(sdk.commands)) {
    for (const command of commands) {
      const needed = COMMAND_ACTIONS[pkg]?.[command];
      if (needed) for (const action of needed) actions.add(action);
      else unknown.push(`${pkg} ${command}`);
    }
  }
  return { actions, unknown };
}
