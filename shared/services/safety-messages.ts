import type { SafetyCheck, SafetyResponse } from '../domain/safety-check';
import { travelerAddress, type Traveler, type TravelerChannel } from '../domain/traveler';
import type { Clock, Ids } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { Logger } from '../ports/logger';
import type { EmailSender, SmsSender } from '../ports/messaging';
import type { SafetyCheckStore } from '../ports/safety-check-store';
import type { TravelerStore } from '../ports/traveler-store';
import { runPool } from './run-pool';

/** What sending a safety check's messages needs: the check's records, the travelers, the senders. */
export interface SafetyMessageDeps {
  safetyChecks: SafetyCheckStore;
  travelers: Pick<TravelerStore, 'getTravelers'>;
  directory: Pick<Directory, 'getOrganization' | 'listPeople'>;
  email: EmailSender;
  sms: SmsSender;
  clock: Clock;
  ids: Ids;
  baseUrl: string;
  logger?: Logger;
}

/** Sends in flight at once. */
const SENDS_IN_FLIGHT = 10;
/** The question's characters an SMS carries (the rest is on the response page). */
const SMS_MESSAGE_CHARS = 150;

function responseLink(baseUrl: string, token: string): string {
  return `${baseUrl}/r/${token}`;
}

/** The channels a traveler is asked on: the check's, where the traveler has an address. */
function channelsFor(check: SafetyCheck, traveler: Traveler): TravelerChannel[] {
  return check.channels.filter((channel) => travelerAddress(traveler, channel) !== undefined);
}

function shortened(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3).replace(/\s+\S*$/, '')}...`;
}

async function sendOne(deps: SafetyMessageDeps, channel: TravelerChannel, traveler: Traveler, check: SafetyCheck, orgName: string, token: string, reminder: boolean): Promise<boolean> {
  const link = responseLink(deps.baseUrl, token);
  const to = travelerAddress(traveler, channel)!;
  const lead = reminder ? `Reminder: ${orgName} still needs your answer.` : `${orgName} is checking on you.`;
  try {
    if (channel === 'email') {
      await deps.email.sendEmail({
        to,
        subject: `${reminder ? 'Reminder: are' : 'Are'} you safe? (${orgName})`,
        text: [lead, '', check.message, '', `Answer with one tap ("I am safe" or "I need help"): ${link}`, '', '--', `${orgName} registered your trip with Outpost and asks its travelers after incidents.`].join('\n'),
      });
    } else {
      await deps.sms.sendSms({ to, text: `Outpost: ${lead} ${shortened(check.message, SMS_MESSAGE_CHARS)} Reply SAFE or HELP, or tap ${link}` });
    }
    return true;
  } catch (error) {
    // Never the address: the reason's name is enough to find the fault.
    deps.logger?.warn('safety check message not sent', { checkId: check.id, channel, error: error instanceof Error ? error.name : 'non-error' });
    return false;
  }
}

async function organizationName(deps: Pick<SafetyMessageDeps, 'directory'>, orgId: string): Promise<string> {
  return (await deps.directory.getOrganization(orgId))?.name ?? 'Your organization';
}

/**
 * Sends each traveler of a check its first message, once: a response is
 * claimed (a conditional write naming the channels) before anything is
 * sent, so the API and the scheduler, running at once, never both send
 * it. Stops starting sends at `deadline` (epoch ms); the scheduler sends
 * the rest.
 *
 * @returns how many travelers were sent a message now, and whether any is left.
 */
export async function sendFirstMessages(deps: SafetyMessageDeps, check: SafetyCheck, responses: readonly SafetyResponse[], deadline: number): Promise<{ sent: number; left: boolean }> {
  const waiting = responses.filter((r) => r.sentOn === undefined);
  if (waiting.length === 0) return { sent: 0, left: false };
  const [travelers, orgName] = await Promise.all([deps.travelers.getTravelers(waiting.map((r) => r.travelerId)), organizationName(deps, check.orgId)]);
  let sent = 0;
  let left = false;
  await runPool(waiting, SENDS_IN_FLIGHT, async (response) => {
    if (Date.now() >= deadline) {
      left = true;
      return;
    }
    const traveler = travelers.get(response.travelerId);
    const channels = traveler ? channelsFor(check, traveler) : [];
    if (!traveler || channels.length === 0) {
      // Nothing to send on: claimed with no channels, so no one tries again.
      await deps.safetyChecks.claimFirstMessage(check.id, response.travelerId, []);
      return;
    }
    if (!(await deps.safetyChecks.claimFirstMessage(check.id, response.travelerId, channels))) return;
    const results = await Promise.all(channels.map((channel) => sendOne(deps, channel, traveler, check, orgName, response.token, false)));
    if (results.some(Boolean)) sent += 1;
  });
  return { sent, left };
}

/**
 * Reminder round `round` of a check: every traveler who was sent the
 * question and has not answered gets it again on the same channels, once
 * (claimed per traveler and round). Answered travelers get nothing.
 *
 * @returns how many travelers were reminded.
 */
export async function sendReminders(deps: SafetyMessageDeps, check: SafetyCheck, responses: readonly SafetyResponse[], round: number): Promise<number> {
  const silent = responses.filter((r) => r.status === 'no-response' && r.sentOn !== undefined && r.sentOn.length > 0 && r.reminders < round);
  if (silent.length === 0) return 0;
  const [travelers, orgName] = await Promise.all([deps.travelers.getTravelers(silent.map((r) => r.travelerId)), organizationName(deps, check.orgId)]);
  let reminded = 0;
  await runPool(silent, SENDS_IN_FLIGHT, async (response) => {
    const traveler = travelers.get(response.travelerId);
    if (!traveler || !(await deps.safetyChecks.claimReminder(check.id, response.travelerId, round))) return;
    const channels = (response.sentOn ?? []).filter((channel) => travelerAddress(traveler, channel) !== undefined);
    const results = await Promise.all(channels.map((channel) => sendOne(deps, channel, traveler, check, orgName, response.token, true)));
    if (results.some(Boolean)) reminded += 1;
  });
  return reminded;
}

/**
 * Tells the organization's security contacts at once that a traveler needs
 * help (its settings' contacts, or every person of the organization when it
 * named none), by email, with how to reach the traveler.
 */
export async function notifySecurityContacts(deps: SafetyMessageDeps, contacts: readonly string[], check: SafetyCheck, traveler: Traveler | undefined, response: SafetyResponse): Promise<number> {
  const to = contacts.length > 0 ? [...contacts] : (await deps.directory.listPeople(check.orgId)).map((p) => p.email);
  const reach = traveler ? [traveler.email ? `Email: ${traveler.email}` : '', traveler.phone ? `Phone: ${traveler.phone}` : ''].filter(Boolean) : [];
  const text = [
    `${response.name} answered "I need help" to your safety check.`,
    '',
    `Your question: ${check.message}`,
    ...(reach.length ? ['', ...reach] : []),
    '',
    `Every answer, as it arrives: ${deps.baseUrl}/portal/safety-checks/${check.id}`,
  ].join('\n');
  let sent = 0;
  await runPool([...new Set(to)], SENDS_IN_FLIGHT, async (address) => {
    try {
      await deps.email.sendEmail({ to: address, subject: `A traveler needs help: ${response.name}`, text });
      sent += 1;
    } catch (error) {
      deps.logger?.error('security contact not notified', { checkId: check.id, error: error instanceof Error ? error.name : 'non-error' });
    }
  });
  return sent;
}
