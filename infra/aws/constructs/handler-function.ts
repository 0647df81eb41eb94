import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { serviceOf, type FunctionSpec } from '../../../shared/topology';
import { buildLambdaSync, PROJECT_ROOT } from '../lambda-build';

/** The newest Node.js runtime aws-cdk-lib offers; tests assert every function uses it. */
const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

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
 * The code of one entry, built by esbuild on this machine (lambda-build.ts)
 * when the stack is synthesized. CDK's NodejsFunction cannot be used: it
 * builds a single file, so code a function loads only on demand would be
 * parsed at every cold start (docs/decisions/0046). The asset is hashed by
 * its output; a synthesis that skips bundling (the tests) builds nothing.
 */
function bundledCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('esbuild-runs-locally'),
      // CDK caches a bundle by its source path and options, and `local` is not among them: the entry in
      // the options keeps twelve functions built from one project root from sharing the first one's bundle.
      environment: { OUTPOST_LAMBDA_ENTRY: entry },
      local: {
        tryBundle(outputDir: string): boolean {
          buildLambdaSync(entry, outputDir);
          return true;
        },
      },
    },
  });
}

/**
 * One Lambda handler from its topology spec: esbuild-bundled ESM with source
 * maps on arm64 and the newest Node.js runtime, explicit memory and timeout,
 * JSON logs into its own log group with retention, and X-Ray tracing.
 */
export class HandlerFunction extends Construct {
  readonly function: lambda.Function;
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
    this.function = new lambda.Function(this, 'Function', {
      code: bundledCode(props.spec.entry),
      // lambda-build.ts writes the entry as index.mjs.
      handler: 'index.handler',
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
      // Powertools reads its service name from POWERTOOLS_SERVICE_NAME, so the code need not carry the topology to know it.
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: serviceOf(props.spec), ...props.environment },
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
