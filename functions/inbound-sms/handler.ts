import * as z from 'zod';
import type { Logger } from '../../shared/ports/logger';
import { SnsEnvelopeSchema, type SqsBatchResponse, type SqsHandler } from '../../shared/ports/sqs-event';
import { answerBySms, type AnswerDeps } from '../../shared/services/answer-safety-check';

export type InboundSmsDeps = AnswerDeps & { logger: Logger };

/**
 * The JSON AWS End User Messaging SMS publishes to a number's two-way SNS
 * topic for each message the number receives. `messageKeyword` is the
 * number's registered keyword the message matched (often empty), and
 * `previousPublishedMessageId` the message being answered, when known;
 * neither decides anything here: the body's first word is the answer.
 */
const InboundSmsMessageSchema = z.object({
  originationNumber: z.string().min(1).max(32),
  destinationNumber: z.string().min(1).max(32),
  messageKeyword: z.string().max(64).optional(),
  messageBody: z.string().max(1600),
  inboundMessageId: z.string().min(1).max(128),
  previousPublishedMessageId: z.string().max(256).optional(),
});

/**
 * The inbound SMS worker: each SQS record is an SNS notification carrying
 * one two-way SMS; SAFE or HELP from a known traveler's number answers that
 * traveler's newest safety check, exactly as the local `POST
 * /v1/inbound/sms` does. A record that is not such a message is logged
 * (ids and the reason only: phone numbers and texts are personal data) and
 * dropped, since a retry cannot fix it; a store failure comes back through
 * the partial batch response, and after the queue's receive limit goes to
 * its dead-letter queue.
 */
export function createInboundSmsHandler(deps: InboundSmsDeps): SqsHandler {
  return async (event): Promise<SqsBatchResponse> => {
    const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let message: z.infer<typeof InboundSmsMessageSchema>;
      try {
        const envelope = SnsEnvelopeSchema.parse(JSON.parse(record.body));
        message = InboundSmsMessageSchema.parse(JSON.parse(envelope.Message));
      } catch (error) {
        deps.logger.error('inbound sms record is malformed; dropped', { messageId: record.messageId, error: reasonOf(error) });
        continue;
      }
      try {
        const result = await answerBySms(deps, message.originationNumber, message.messageBody);
        deps.logger.info('inbound sms read', { messageId: record.messageId, inboundMessageId: message.inboundMessageId, keyword: result.keyword, answered: result.answered });
      } catch (error) {
        deps.logger.error('inbound sms failed; will retry', { messageId: record.messageId, inboundMessageId: message.inboundMessageId, error: error instanceof Error ? error.name : 'unknown' });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

/** Why a record could not be read, without its content: zod's issue paths and codes, or the error's name. */
function reasonOf(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}:${issue.code}`).join(',');
  return error instanceof Error ? error.name : 'unknown';
}
