import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  readonly key: kms.IKey;
  readonly retentionSeconds: number;
  readonly alarmAction: cloudwatch.IAlarmAction;
  readonly alarmDescription: string;
}

/**
 * An encrypted, SSL-only dead-letter queue with an alarm that fires as soon
 * as one message is waiting, so operators inspect and replay it.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.seconds(props.retentionSeconds),
    });
    Validations.of(this.queue).acknowledge({ id: 'Serverless-SQSRedrivePolicy', reason: 'This is a dead-letter queue: the last stop, watched by its depth alarm and replayed by an operator.' });
    this.alarm = new cloudwatch.Alarm(this, 'DepthAlarm', {
      alarmDescription: props.alarmDescription,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(props.alarmAction);
  }
}
