import { CHANNEL_NAMES, channelLabel } from '../../shared/domain/channel';
import type { PublicationHead } from '../../shared/domain/publication';
import { KIND_LABELS, needsApproval } from '../../shared/domain/publication-kind';
import type { AudienceEstimate } from '../../shared/services/estimate-audience';
import { CsrfField } from '../components/account';
import { Time } from '../components/format';
import { Layout } from '../components/layout';

/** Workflow steps the console asks to confirm before taking. */
export type ConfirmableStep = 'publish' | 'archive';

const count = (n: number) => n.toLocaleString('en-US');

/** "email, SMS and webhook" */
function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Whom publishing notifies, in one sentence: "sends it to 1,240 subscribers
 * by email, SMS and webhook (email 1,000, SMS 200, webhook 40)". A minor
 * amendment alerts nobody, and the sentence says so.
 */
function audienceSentence(head: PublicationHead, estimate: AudienceEstimate | undefined): string {
  if (head.current && head.working && head.working.major === false) return 'This is a minor change: it updates the published page and feeds and sends nothing to subscribers.';
  const reached = (estimate?.channels ?? []).filter((c) => c.count > 0);
  const total = reached.reduce((n, c) => n + c.count, 0);
  const atLeast = reached.some((c) => c.atLeast) ? 'at least ' : '';
  if (total === 0) return 'No subscriber matches it now, so nobody is sent it; it appears in listings and feeds.';
  const channels = CHANNEL_NAMES.filter((ch) => reached.some((c) => c.channel === ch)).map((ch) => (channelLabel(ch) === 'SMS' ? 'SMS' : channelLabel(ch).toLowerCase()));
  const detail = reached.length > 1 ? ` (${reached.map((c) => `${channelLabel(c.channel)} ${count(c.count)}`).join(', ')})` : '';
  return `It sends to ${atLeast}${count(total)} ${total === 1 ? 'subscriber' : 'subscribers'} by ${inWords(channels)}${detail}.`;
}

/**
 * The step before an irreversible action, as a page of its own so it works
 * without JavaScript: it says what will happen and to whom, and its button
 * posts the same step again with `confirm=yes`.
 */
export function ConfirmStepPage({ head, step, estimate, publishAt }: { head: PublicationHead; step: ConfirmableStep; estimate: AudienceEstimate | undefined; publishAt?: string | undefined }) {
  const content = (head.working ?? head.current)!.content;
  const what = `${KIND_LABELS[head.kind].toLowerCase()} “${content.title}”`;
  const later = publishAt && Date.parse(publishAt) > Date.now();
  const twoPeople = step === 'archive' && head.state === 'published' && needsApproval(head.kind) && !head.archiveRequest;
  const heading = step === 'publish' ? (later ? `Schedule “${content.title}”?` : `Publish “${content.title}”?`) : twoPeople ? `Ask to archive “${content.title}”?` : `Archive “${content.title}”?`;
  const button = step === 'publish' ? (later ? 'Yes, schedule it' : 'Yes, publish now') : twoPeople ? 'Yes, ask to archive' : 'Yes, archive it';
  return (
    <Layout title={heading} current="/console">
      <p class="breadcrumb">
        <a href="/console">Console</a> › <a href={`/console/publications/${head.id}`}>{content.title}</a>
      </p>
      <h1>{heading}</h1>
      <div class="confirm-box">
        {step === 'publish' ? (
          <>
            <p>
              {later ? (
                <>
                  {`At `}
                  <Time iso={publishAt!} withTime />
                  {`, this publishes the ${what}.`}
                </>
              ) : (
                `This publishes the ${what} now.`
              )}
            </p>
            <p>
              <strong data-audience>{audienceSentence(head, estimate)}</strong>
            </p>
            <p>{content.sharing === 'TLP:CLEAR' ? 'It is public: anyone can read it on the site, in feeds and through the API.' : `It is ${content.sharing}: only the organizations it is shared with can read it.`}</p>
            <p>Once sent, messages cannot be recalled. You can amend or archive it afterwards.</p>
          </>
        ) : (
          <>
            <p>{`Archiving withdraws the ${what} from listings, feeds${head.kind === 'travel-advisory' ? ' and the map' : ''}. Its versions stay readable, and subscribers are not notified.`}</p>
            {twoPeople ? <p>Withdrawing it needs a second publisher: this asks another publisher of your organization to confirm.</p> : null}
            <p>You can undo it from the console’s Archived view (unarchive).</p>
          </>
        )}
        <form method="post" action={`/console/publications/${head.id}/${step}`} class="button-row">
          <CsrfField />
          <input type="hidden" name="rev" value={String(head.rev)} />
          <input type="hidden" name="confirm" value="yes" />
          {publishAt ? <input type="hidden" name="publishAt" value={publishAt} /> : null}
          <button type="submit" class="button">
            {button}
          </button>
          <a class="button secondary" href={`/console/publications/${head.id}`}>
            Cancel
          </a>
        </form>
      </div>
    </Layout>
  );
}
