import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../../shared/topology';

/** The project root: entries in the topology are relative to it. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The newest Node.js runtime aws-cdk-lib offers; tests assert every function uses it. */
const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * ESM output still meets CommonJS dependencies that call `require`; this
 * banner gives them one. bench/bundle-size.ts builds with the same options.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __outpostCreateRequire } from 'node:module'; const require = __outpostCreateRequire(import.meta.url);";

/** esbuild options shared by CDK and the bundle-size benchmark, so both measure the same bundle. */
export const BUNDLING = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.EXTERNAL,
  sourcesContent: false,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  // The runtime's AWS SDK v3 is used rather than bundled: it keeps bundles
  // small and cold starts short (docs/decisions/0007).
  externalModules: ['@aws-sdk/*'],
  tsconfig: path.join(PROJECT_ROOT, 'tsconfig.json'),
} as const;

export interface HandlerFunctionProps {
  readonly spec: FunctionSpec;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  /** Why this function's default policy also holds other `Resource: *` grants (AWS offers no narrower resource). */
  readonly otherWildcardResources?: readonly string[];
  /** Overrides the spec's description (e.g. a second deployment of one entry). */
  readonly description?: string;
}

/**
 * One Lambda handler from its topology spec: esbuild-bundled ESM with source
 * maps on arm64 and the newest Node.js runtime, explicit memory and timeout,
 * JSON logs into its own log group with retention, and X-Ray tracing.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  /** The topology spec it was built from; its `entry` is the bundle the role is checked against. */
  readonly spec: FunctionSpec;
  /** How the role may use the table, once granted: `read` for a function whose routes only read. */
  tableAccess?: 'read' | 'read-write';

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.spec = props.spec;
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    // An own role rather than AWSLambdaBasicExecutionRole: it may write only
    // to this function's log group.
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: `Outpost ${id}` });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.spec.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.spec.memoryMb,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      description: props.description ?? props.spec.description,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      logGroup: this.logGroup,
      role: this.role,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: { ...BUNDLING, mainFields: [...BUNDLING.mainFields], externalModules: [...BUNDLING.externalModules] },
    });
    const wildcardReasons = ['X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions', ...(props.otherWildcardResources ?? [])];
    this.acknowledge('AwsSolutions-IAM5[Resource::*]', `${wildcardReasons.join('; ')}.`);
  }

  /** Acknowledges a cdk-nag finding on the function resource itself. */
  acknowledgeOnFunction(id: string, reason: string): void {
    Validations.of(this.function).acknowledge({ id, reason });
  }

  /** Acknowledges a cdk-nag finding on this function's default policy, the narrowest construct that holds its grants. */
  acknowledge(id: string, reason: string): void {
    const policy = this.role.node.tryFindChild('DefaultPolicy');
    if (!policy) throw new Error(`${this.node.path} has no default policy to acknowledge ${id} on.`);
    Validations.of(policy).acknowledge({ id, reason });
  }
}
