import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '../../../shared/adapters/dynamodb/table-definition';

const STREAM_VIEW = { NEW_AND_OLD_IMAGES: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES } as const satisfies Record<typeof TABLE.stream, dynamodb.StreamViewType>;

/**
 * The single table, built from the declaration the local runtime also uses:
 * on demand, point-in-time recovery, the stream that drives announcements,
 * TTL, deletion protection, encryption, and retained when the stack goes.
 */
export class Data extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: key(TABLE.partitionKey),
      sortKey: key(TABLE.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      stream: STREAM_VIEW[TABLE.stream],
      timeToLiveAttribute: TABLE.ttlAttribute,
      deletionProtection: true,
      // An AWS-owned key would do; the AWS-managed key adds CloudTrail
      // visibility of its use at no extra cost to operate.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }
}
