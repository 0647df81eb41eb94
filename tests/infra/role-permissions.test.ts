import { beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda, type SdkImports } from '../../infra/aws/lambda-bundle';
import { checkRolePermissions, type FunctionUnderTest, type TemplateJson } from './role-permissions';
import { resources, synthOutpost } from './stack';

/**
 * Every function's role allows exactly what the function calls: each
 * action the SDK commands of its bundle need (built as the stack builds it)
 * and what Lambda does for it, and nothing else; `Resource: *` only where
 * AWS names no resource; SMS senders cannot publish to topics.
 */
const { stack, template } = synthOutpost();
const json = template.toJSON() as TemplateJson;
const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

const underTest = new Map<string, FunctionUnderTest>();
beforeAll(async () => {
  const entries = [...new Set(Object.values(stack.functions).map((fn) => fn.spec.entry))];
  const bundles = new Map<string, SdkImports>();
  for (const entry of entries) bundles.set(entry, (await bundleLambda(entry)).sdk);
  for (const [name, fn] of Object.entries(stack.functions)) {
    underTest.set(name, {
      name,
      functionLogicalId: logicalId(fn.function),
      roleLogicalId: logicalId(fn.role),
      sdk: bundles.get(fn.spec.entry)!,
      readOnlyTable: fn.tableAccess === 'read',
    });
  }
}, 120_000);

describe('function roles against the SDK commands of their bundles', () => {
  it('covers every function in the template', () => {
    const ours = new Set(Object.values(stack.functions).map((fn) => logicalId(fn.function)));
    expect(Object.keys(resources(template, 'AWS::Lambda::Function')).filter((id) => !ours.has(id))).toEqual([]);
  });

  for (const name of Object.keys(stack.functions)) {
    it(`${name}: allows exactly what its code and its triggers need`, () => {
      expect(checkRolePermissions(json, underTest.get(name)!)).toEqual([]);
    });
  }
});

describe('the check itself', () => {
  /** One function with one role and the given statements. */
  const templateWith = (statements: object[]): TemplateJson => ({
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
      Policy: { Type: 'AWS::IAM::Policy', Properties: { Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: statements } } },
    },
  });
  const logs = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:us-east-1:1:log-group:g:*' };
  const smsSender = { name: 'DeliverSms', functionLogicalId: 'Fn', roleLogicalId: 'Role', sdk: { commands: { '@aws-sdk/client-sns': ['CheckIfPhoneNumberIsOptedOutCommand', 'PublishCommand'] } } };

  it('reports an SMS sender whose role allows Publish but not the opt-out check it sends first', () => {
    const findings = checkRolePermissions(templateWith([logs, { Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }]), smsSender);
    expect(findings).toContainEqual({ function: 'DeliverSms', problem: 'missing', detail: 'sns:CheckIfPhoneNumberIsOptedOut is needed but not allowed' });
    expect(findings).toContainEqual(expect.objectContaining({ problem: 'topic-publish-not-denied' }));
  });

  it('accepts the SMS sender once it may check opt-outs and is denied publishing to topics', () => {
    const deny = { Effect: 'Deny', Action: 'sns:Publish', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] } };
    expect(checkRolePermissions(templateWith([logs, { Effect: 'Allow', Action: ['sns:CheckIfPhoneNumberIsOptedOut', 'sns:Publish'], Resource: '*' }, deny]), smsSender)).toEqual([]);
  });

  it('reports actions nothing calls, wildcard actions and "*" where a resource could be named', () => {
    const findings = checkRolePermissions(
      templateWith([logs, { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Scan', 'kms:GenerateDataKey*'], Resource: '*' }]),
      { name: 'Reader', functionLogicalId: 'Fn', roleLogicalId: 'Role', sdk: { commands: { '@aws-sdk/lib-dynamodb': ['GetCommand'] } } },
    );
    expect(findings.map((f) => `${f.problem} ${f.detail.split(' ')[0]}`).sort()).toEqual([
      'unneeded dynamodb:Scan',
      'wildcard-action kms:GenerateDataKey*',
      'wildcard-resource dynamodb:GetItem',
      'wildcard-resource dynamodb:Scan',
      'wildcard-resource kms:GenerateDataKey*',
    ]);
  });

  it('reports a command it has no IAM mapping for, rather than guessing', () => {
    const findings = checkRolePermissions(templateWith([logs]), { name: 'X', functionLogicalId: 'Fn', roleLogicalId: 'Role', sdk: { commands: { '@aws-sdk/client-sns': ['CreateTopicCommand'] } } });
    expect(findings).toEqual([{ function: 'X', problem: 'unknown-command', detail: '@aws-sdk/client-sns CreateTopicCommand: add its IAM actions to infra/aws/sdk-actions.ts' }]);
  });
});
