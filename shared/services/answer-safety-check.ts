import { answerOfKeyword, ResponseTokenSchema, SMS_ANSWER_DAYS, type AnswerChannel, type SafetyAnswer, type SafetyCheck, type SafetyResponse } from '../domain/safety-check';
import { PhoneNumberSchema } from '../domain/phone';
import { InvalidLinkError } from '../errors';
import { auditEntry, type ServiceDeps } from './deps';
import { notifySecurityContacts, type SafetyMessageDeps } from './safety-messages';

/** What answering needs: the checks, the travelers (SMS replies by number), settings (security contacts), and the senders for "need help". */
export type AnswerDeps = SafetyMessageDeps & Pick<ServiceDeps, 'organizationSettings'> & { travelers: SafetyMessageDeps['travelers'] & Pick<ServiceDeps['travelers'], 'findTravelersByAddress'> };

const DAY_MS = 86_400_000;

/** What a traveler's response link shows: the organization's question and the answer so far. */
export interface ResponseView {
  check: Pick<SafetyCheck, 'id' | 'message' | 'createdAt'>;
  orgName: string;
  response: Pick<SafetyResponse, 'name' | 'status' | 'respondedAt'>;
}

async function checkOf(deps: Pick<AnswerDeps, 'safetyChecks'>, token: string | undefined): Promise<{ check: SafetyCheck; response: SafetyResponse }> {
  const parsed = ResponseTokenSchema.safeParse(token);
  const response = parsed.success ? await deps.safetyChecks.byToken(parsed.data) : undefined;
  const check = response ? await deps.safetyChecks.get(response.checkId) : undefined;
  if (!response || !check) throw new InvalidLinkError();
  return { check, response };
}

/** The response page's content for a link token (GET /r/{token}: shows, changes nothing). */
export async function previewResponse(deps: Pick<AnswerDeps, 'safetyChecks' | 'directory'>, token: string | undefined): Promise<ResponseView> {
  const { check, response } = await checkOf(deps, token);
  const orgName = (await deps.directory.getOrganization(check.orgId))?.name ?? 'Your organization';
  return { check: { id: check.id, message: check.message, createdAt: check.createdAt }, orgName, response: { name: response.name, ...(response.respondedAt ? { respondedAt: response.respondedAt } : {}), status: response.status } };
}

/**
 * Records an answer to a check and, when it is a new "need help", tells the
 * organization's security contacts at once. A repeated answer changes
 * nothing and notifies no one again.
 */
async function record(deps: AnswerDeps, check: SafetyCheck, response: SafetyResponse, answer: SafetyAnswer, channel: AnswerChannel): Promise<SafetyResponse> {
  const now = deps.clock.now();
  const audit = auditEntry(deps, now, { system: 'traveler-response' }, 'safety-check.answered', { type: 'safety-check', id: check.id }, { answer, channel }, check.orgId);
  const result = await deps.safetyChecks.answer(check.id, response.travelerId, answer, channel, now, [audit]);
  if (!result) throw new InvalidLinkError();
  if (result.changed && answer === 'need-help') {
    const [settings, travelers] = await Promise.all([deps.organizationSettings.getSettings(check.orgId), deps.travelers.getTravelers([response.travelerId])]);
    await notifySecurityContacts(deps, settings.securityContacts, check, travelers.get(response.travelerId), result.response);
  }
  return result.response;
}

/** POST /r/{token}: the traveler's one-tap answer ("I am safe" or "I need help"), no sign-in: the token is the credential. */
export async function answerByLink(deps: AnswerDeps, token: string | undefined, answer: SafetyAnswer): Promise<ResponseView> {
  const { check, response } = await checkOf(deps, token);
  const saved = await record(deps, check, response, answer, 'link');
  const orgName = (await deps.directory.getOrganization(check.orgId))?.name ?? 'Your organization';
  return { check: { id: check.id, message: check.message, createdAt: check.createdAt }, orgName, response: { name: saved.name, status: saved.status, ...(saved.respondedAt ? { respondedAt: saved.respondedAt } : {}) } };
}

/** What an inbound SMS did: `answered` counts the checks it answered (a number can belong to travelers of several organizations). */
interface SmsReplyResult {
  keyword: SafetyAnswer | null;
  answered: number;
}

/**
 * An SMS reply (POST /v1/inbound/sms; in AWS, two-way SMS through SNS):
 * SAFE or HELP answers the newest check sent within 7 days to each
 * traveler with that number. Anything else, or an unknown number, answers
 * nothing, and says no more than that (no enumeration of numbers).
 */
export async function answerBySms(deps: AnswerDeps, from: string, text: string): Promise<SmsReplyResult> {
  const keyword = answerOfKeyword(text);
  const phone = PhoneNumberSchema.safeParse(from);
  if (!keyword || !phone.success) return { keyword: keyword ?? null, answered: 0 };
  const since = new Date(Date.parse(deps.clock.now()) - SMS_ANSWER_DAYS * DAY_MS).toISOString();
  const travelers = (await deps.travelers.findTravelersByAddress(phone.data)).filter((t) => t.phone === phone.data);
  let answered = 0;
  for (const traveler of travelers) {
    const response = await deps.safetyChecks.latestFor(traveler.id, since);
    // Only a check that reached the traveler by SMS can be answered by SMS.
    if (!response?.sentOn?.includes('sms')) continue;
    const check = await deps.safetyChecks.get(response.checkId);
    if (!check) continue;
    await record(deps, check, response, keyword, 'sms');
    answered += 1;
  }
  return { keyword, answered };
}
