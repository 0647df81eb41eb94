import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/aws/lambda-build';
import { bundledPackages, bundleLambda, lambdaBundles, sdkImportsOf, type FunctionName, type LambdaBundle, type SdkImports } from '../../infra/aws/lambda-bundle';
import { functions } from '../../shared/topology';

/**
 * Each Lambda bundle, built as the stack builds it, holds only the AWS
 * clients its own function calls: the composition of each entry point picks
 * its adapters, so the SES feedback handler carries no SMS sender, SQS or
 * Secrets Manager. Every bundle is built once for the whole file.
 */
const CLIENTS: Record<FunctionName, string[]> = {
  api: ['client-dynamodb', 'client-secrets-manager'],
  publicRead: ['client-dynamodb', 'client-secrets-manager'],
  web: ['client-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-sns'],
  announce: ['client-dynamodb', 'client-sns'],
  deliverEmail: ['client-dynamodb', 'client-secrets-manager', 'client-sesv2', 'client-sqs'],
  deliverSms: ['client-dynamodb', 'client-sns', 'client-sqs'],
  deliverWebhook: ['client-dynamodb', 'client-sqs'],
  scheduler: ['client-dynamodb', 'client-sesv2', 'client-sns', 'client-sqs'],
  indexSearch: ['client-dynamodb'],
  sesFeedback: ['client-dynamodb'],
  inboundSms: ['client-dynamodb', 'client-sesv2'],
  rotateOriginSecret: ['client-cloudfront', 'client-secrets-manager'],
};

/** The commands of every client but DynamoDB's (the table is granted as a whole; those are the repositories'). */
const COMMANDS: Record<FunctionName, Record<string, string[]>> = {
  api: { 'client-secrets-manager': ['GetSecretValueCommand'] },
  publicRead: { 'client-secrets-manager': ['GetSecretValueCommand'] },
  web: {
    'client-secrets-manager': ['GetSecretValueCommand'],
    'client-sesv2': ['SendEmailCommand'],
    'client-sns': ['CheckIfPhoneNumberIsOptedOutCommand', 'PublishCommand'],
  },
  announce: { 'client-sns': ['PublishCommand'] },
  deliverEmail: { 'client-secrets-manager': ['GetSecretValueCommand'], 'client-sesv2': ['SendBulkEmailCommand'], 'client-sqs': ['SendMessageBatchCommand'] },
  deliverSms: { 'client-sns': ['CheckIfPhoneNumberIsOptedOutCommand', 'PublishCommand'], 'client-sqs': ['SendMessageBatchCommand'] },
  deliverWebhook: { 'client-sqs': ['SendMessageBatchCommand'] },
  scheduler: {
    'client-sesv2': ['SendEmailCommand'],
    'client-sns': ['CheckIfPhoneNumberIsOptedOutCommand', 'ListPhoneNumbersOptedOutCommand', 'PublishCommand'],
    'client-sqs': ['SendMessageBatchCommand'],
  },
  indexSearch: {},
  sesFeedback: {},
  inboundSms: { 'client-sesv2': ['SendEmailCommand'] },
  rotateOriginSecret: {
    'client-cloudfront': ['GetDistributionConfigCommand', 'UpdateDistributionCommand'],
    'client-secrets-manager': ['DescribeSecretCommand', 'GetSecretValueCommand', 'PutSecretValueCommand', 'UpdateSecretVersionStageCommand'],
  },
};

const short = (pkg: string) => pkg.replace(/^@aws-sdk\//, '');
let built: Record<FunctionName, LambdaBundle>;
let bundles: Record<FunctionName, SdkImports>;

beforeAll(async () => {
  built = await lambdaBundles();
  bundles = Object.fromEntries(Object.entries(built).map(([name, b]) => [name, b.sdk])) as Record<FunctionName, SdkImports>;
});

describe('Lambda bundles', () => {
  it('covers every function of the topology', () => {
    expect(Object.keys(bundles).sort()).toEqual(Object.keys(functions).sort());
  });

  for (const name of Object.keys(CLIENTS) as FunctionName[]) {
    it(`${name} bundles only the AWS clients it calls: ${CLIENTS[name].join(', ')}`, () => {
      expect(bundles[name].clients.map(short)).toEqual(CLIENTS[name]);
    });

    it(`${name} imports only the commands it sends`, () => {
      const outsideTheTable = Object.entries(bundles[name].commands).filter(([pkg]) => !/dynamodb/.test(pkg));
      expect(Object.fromEntries(outsideTheTable.map(([pkg, names]) => [short(pkg), names]))).toEqual(COMMANDS[name]);
    });
  }

  it('bundles the Markdown renderer and its sanitizer only where a body is rendered: pages, feeds and the email worker', () => {
    const rendering = (Object.keys(built) as FunctionName[]).filter((name) => bundledPackages(built[name]).some((p) => p === 'markdown-it' || p === 'sanitize-html'));
    expect(rendering.sort()).toEqual(['deliverEmail', 'publicRead', 'web']);
  });

  it('keeps the JSON API function to the table and the origin secret: no messaging client, no renderer, no phone-number metadata, no X-Ray SDK', () => {
    const observability = ['@aws-lambda-powertools/commons', '@aws-lambda-powertools/logger', '@aws-lambda-powertools/metrics', '@aws/lambda-invoke-store'];
    // Saving a draft with areas checks them (closed rings, no self-intersection, inside its countries): Turf's small modules, on demand.
    const geometry = (p: string) => p.startsWith('@turf/') || p === 'point-in-polygon-hao';
    expect(bundledPackages(built.api).filter((p) => !['hono', 'zod', 'ulid', ...observability].includes(p) && !geometry(p))).toEqual([]);
  });

  it('loads the place checks (country outlines, subdivision codes, Turf) only when an item with places is saved, and the country details never', () => {
    const cold = built.api.files.filter((f) => f.coldStart).flatMap((f) => Object.keys(f.inputs));
    const lazy = built.api.files.filter((f) => !f.coldStart).flatMap((f) => Object.keys(f.inputs));
    const geography = ['shared/geo/check-places.ts', 'shared/geo/world-paths.generated.ts', 'shared/geo/subdivision-codes.generated.ts'];
    expect(cold.filter((input) => geography.includes(input) || input.includes('@turf/'))).toEqual([]);
    expect(lazy).toEqual(expect.arrayContaining([...geography, expect.stringContaining('@turf/kinks')]));
    expect([...cold, ...lazy]).not.toContain('shared/domain/country-details.generated.ts');
    expect(bundledPackages(built.api, 'cold-start').filter((p) => p.startsWith('@turf/'))).toEqual([]);
  });

  it('runs the on-demand place checks from the built files, as Lambda loads them', async () => {
    // The SDK stays external, so the bundle resolves it from node_modules beside it, as from the runtime in Lambda.
    const dir = mkdtempSync(path.join(tmpdir(), 'outpost-api-bundle-'));
    try {
      symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      const written = await bundleLambda(functions.api.entry, { outdir: dir });
      const chunk = written.files.find((f) => !f.coldStart && f.path.includes('check-places'));
      const { assertPlaces } = (await import(pathToFileURL(path.join(dir, chunk!.path)).href)) as { assertPlaces(content: unknown): void };
      const nairobi = { type: 'Feature', properties: { radiusKm: 5 }, geometry: { type: 'Point', coordinates: [36.82, -1.29] } };
      const lima = { ...nairobi, geometry: { type: 'Point', coordinates: [-77.04, -12.05] } };
      const item = (area: object) => ({ kind: 'security-alert', countries: ['KE'], areas: { type: 'FeatureCollection', features: [area] } });
      expect(() => assertPlaces(item(nairobi))).not.toThrow();
      expect(() => assertPlaces(item(lima))).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'areas.features.0.geometry', message: expect.stringMatching(/outside Kenya/) })] }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('never scans the table in any function, and only the origin secret rotation leaves the table alone', () => {
    for (const [name, sdk] of Object.entries(bundles)) {
      const dynamo = Object.entries(sdk.commands).filter(([pkg]) => /dynamodb/.test(pkg)).flatMap(([, names]) => names);
      if (name !== 'rotateOriginSecret') expect(dynamo.length, name).toBeGreaterThan(0);
      expect(dynamo.filter((c) => /Scan/.test(c)), name).toEqual([]);
    }
  });
});

describe('reading SDK imports from a bundle', () => {
  it('reads minified and plain named imports, with their aliases', () => {
    const code = 'import{SNSClient as a,PublishCommand as b}from"@aws-sdk/client-sns";import { GetCommand, QueryCommand as q } from "@aws-sdk/lib-dynamodb";import"@aws-sdk/client-sqs";';
    expect(sdkImportsOf(code)).toEqual({
      packages: ['@aws-sdk/client-sns', '@aws-sdk/client-sqs', '@aws-sdk/lib-dynamodb'],
      clients: ['@aws-sdk/client-sns', '@aws-sdk/client-sqs'],
      commands: { '@aws-sdk/client-sns': ['PublishCommand'], '@aws-sdk/lib-dynamodb': ['GetCommand', 'QueryCommand'] },
    });
  });

  it('refuses namespace and dynamic imports, whose commands cannot be read', () => {
    expect(() => sdkImportsOf('import*as sns from"@aws-sdk/client-sns";')).toThrow(/only named imports/);
    expect(() => sdkImportsOf('const m=await import("@aws-sdk/client-sns");')).toThrow(/dynamically/);
  });
});
