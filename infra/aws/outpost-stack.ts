import { Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Data } from './constructs/data';
import { Email } from './constructs/email-feedback';
import { InboundSms } from './constructs/inbound-sms';
import type { HandlerFunction } from './constructs/handler-function';
import { Operations } from './constructs/operations';
import type { OutpostContext } from './context';
import { addAnnouncer } from './stack/announcer';
import { addApiAndEdge, addApiFunctions } from './stack/api';
import { FunctionFactory } from './stack/function-factory';
import { addKeys } from './stack/keys';
import { addDeliveryChannels, addInboundSms, addPublicationsTopic, addSesFeedback } from './stack/messaging';
import { addStackAlarms } from './stack/monitoring';
import { addPipelineMonitoring } from './stack/pipeline-monitoring';
import { addOriginSecretRotation, allowOriginSecret } from './stack/origin-secret';
import { addOutputs } from './stack/outputs';
import { addSchedules } from './stack/schedules';
import { addSearchIndexer } from './stack/search-indexer';

export interface OutpostStackProps extends StackProps {
  readonly settings: OutpostContext;
}

/**
 * Outpost in one stack, built from shared/topology.ts: data (the table),
 * messaging (the encrypted topic, a queue per channel, SES feedback, two-way
 * SMS replies), compute
 * (one function per handler, the search indexer among them), the HTTP API, the CloudFront edge, schedules,
 * and operations (alarms, dashboard). One stack keeps cross-resource
 * references plain and a rollback atomic (docs/decisions/0007).
 *
 * The parts under `stack/` add their resources to this stack's own scope
 * rather than to nested constructs, so every logical id stays what it was
 * when this was one constructor.
 */
export class OutpostStack extends Stack {
  readonly functions: Record<string, HandlerFunction>;

  constructor(scope: Construct, id: string, props: OutpostStackProps) {
    super(scope, id, props);
    const settings = props.settings;
    const logRetention = settings.logRetentionDays as logs.RetentionDays;

    const { key, linkSecret, originSecret } = addKeys(this);
    const { table } = new Data(this, 'Data');
    const ops = new Operations(this, 'Operations', { key, alarmEmails: settings.alarmEmails });
    const publications = addPublicationsTopic(this, key);
    const email = new Email(this, 'Email', {
      key,
      ...(settings.senderEmail ? { senderEmail: settings.senderEmail } : {}),
      ...(settings.senderDomain ? { senderDomain: settings.senderDomain } : {}),
      alarmAction: ops.alarmAction,
    });

    // PUBLIC_BASE_URL comes from the edge, which needs the API, which needs
    // the functions: with a custom domain it is a constant, otherwise the
    // distribution's domain is read lazily (no cycle: the origin refers to
    // the API resource, not to the functions).
    const baseUrlHolder: { url?: string } = {};
    const factory = new FunctionFactory(this, { settings, logRetention, table, email, key, linkSecret, ops, baseUrl: lazyBaseUrl(baseUrlHolder) });
    this.functions = factory.functions;
    const apiFunctions = addApiFunctions(factory, { linkSecret });
    const { announce, streamFailures } = addAnnouncer(this, factory, { table, publications, key, ops });
    addSearchIndexer(this, factory, { table, streamFailures, ops });
    const { channels } = addDeliveryChannels(this, factory, { publications, key, linkSecret, ops, sendRates: { sesPerSecond: settings.sesSendRate, smsPerSecond: settings.smsSendRate } });
    const { scheduler, scheduleFailures } = addSchedules(this, factory, { key, ops, channels });
    addSesFeedback(factory, { email });
    const inboundSms = new InboundSms(this, 'Sms', { key, alarmAction: ops.alarmAction, ...(settings.smsInboundTopicArn ? { topicArn: settings.smsInboundTopicArn } : {}) });
    addInboundSms(factory, { inboundSms });
    factory.acknowledgeShared([scheduler]);

    const { httpApi, edge } = addApiAndEdge(this, apiFunctions, { settings, logRetention, originSecret });
    baseUrlHolder.url = edge.baseUrl;
    allowOriginSecret(factory, Object.values(apiFunctions), originSecret);
    addOriginSecretRotation(this, factory, { originSecret, distribution: edge.distribution });

    addStackAlarms(this, { ops, httpApi, announce, email, channels, otherDeadLetters: [streamFailures, scheduleFailures, inboundSms.inbound.deadLetters, inboundSms.inbound.subscriptionDeadLetters] });
    addPipelineMonitoring(this, { ops, table, announce, channels, smsMonthlyBudgetUsd: settings.smsMonthlyBudgetUsd });
    addOutputs(this, { edge, table, ops, linkSecret, channels, streamFailures, inboundSms, ...(settings.smsOriginationNumberId ? { smsOriginationNumberId: settings.smsOriginationNumberId } : {}) });
  }
}

/** A string token resolved at synth time, after the edge has set the URL. */
function lazyBaseUrl(holder: { url?: string }): string {
  return Lazy.string({
    produce: () => {
      if (!holder.url) throw new Error('PUBLIC_BASE_URL was read before the edge was built.');
      return holder.url;
    },
  });
}
