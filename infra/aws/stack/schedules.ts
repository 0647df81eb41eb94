import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { functions, scheduleExpression, topology } from '../../../shared/topology';
import { DeadLetterQueue } from '../constructs/dead-letter-queue';
import type { HandlerFunction } from '../constructs/handler-function';
import type { Operations } from '../constructs/operations';
import { SMS_SEND_ACTIONS, type FunctionFactory } from './function-factory';

export interface ScheduleResources {
  readonly table: dynamodb.Table;
  readonly key: kms.IKey;
  readonly ops: Operations;
}

/**
 * The `Scheduler` function and one EventBridge rule per schedule of the
 * topology, each sending its `{task}` input; events EventBridge cannot
 * deliver go to `ScheduleFailures`.
 */
export function addSchedules(scope: Construct, factory: FunctionFactory, resources: ScheduleResources): { scheduler: HandlerFunction; scheduleFailures: DeadLetterQueue } {
  const { table, key, ops } = resources;
  const scheduler = factory.make('Scheduler', functions.scheduler);
  table.grantReadWriteData(scheduler.function);
  // It signs nothing; it lists opted-out numbers (`reconcile-sms-opt-outs`) and sends safety-check reminders by email and SMS (`remind-safety-checks`).
  factory.allowSms(scheduler, 'SmsOptOutListAndReminders', ['sns:ListPhoneNumbersOptedOut', ...SMS_SEND_ACTIONS]);
  factory.sendEmail(scheduler, 'single');
  const scheduleFailures = new DeadLetterQueue(scope, 'ScheduleFailures', {
    key,
    retentionSeconds: 14 * 24 * 60 * 60,
    alarmAction: ops.alarmAction,
    alarmDescription: 'EventBridge could not invoke the scheduler; a scheduled run was skipped.',
  });
  Validations.of(scheduleFailures.queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the schedule rules’ targets.' });
  for (const schedule of topology.schedules) {
    new events.Rule(scope, `Schedule-${schedule.name}`, {
      description: schedule.description,
      schedule: events.Schedule.expression(scheduleExpression(schedule.timing)),
      targets: [
        new targets.LambdaFunction(scheduler.function, {
          event: events.RuleTargetInput.fromObject(schedule.input),
          deadLetterQueue: scheduleFailures.queue,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(15),
        }),
      ],
    });
  }
  scheduler.acknowledgeOnFunction(
    'Serverless-LambdaDLQ',
    'EventBridge targets carry their own dead-letter queue (ScheduleFailures, alarmed); a failed run is an errors alarm and the next tick (every minute, each task idempotent) redoes its work.',
  );
  return { scheduler, scheduleFailures };
}
