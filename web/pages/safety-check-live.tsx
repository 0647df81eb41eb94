import type { describeSafetyCheck, SafetyStatus } from '../../shared/domain/safety-check';
import { Time } from '../components/format';
import { Layout } from '../components/layout';

type CheckView = ReturnType<typeof describeSafetyCheck>;

const STATUS_TEXT: Record<SafetyStatus, string> = { safe: 'Safe', 'need-help': 'Needs help', 'no-response': 'No answer yet' };
const VIA: Record<'link' | 'sms', string> = { link: 'answer link', sms: 'SMS reply' };

/**
 * A check's counts and every traveler's answer. While anyone has not
 * answered, the section refreshes itself from `pollUrl` with the page
 * script that keeps the console's delivery progress current (same
 * `data-delivery-poll` / `data-state` contract), so answers appear with no
 * reload; it stops once everyone has answered.
 */
export function SafetyCheckSection({ check, pollUrl }: { check: CheckView; pollUrl: string }) {
  const { counts } = check;
  const state = counts.noResponse > 0 ? 'waiting' : 'done';
  return (
    <section aria-labelledby="answers-title" id="safety-answers" data-delivery-poll={pollUrl} data-state={state}>
      <h2 id="answers-title">Answers</h2>
      <div role="status">
      <dl class="safety-counts">
        <div>
          <dt>Safe</dt>
          <dd data-count="safe">{String(counts.safe)}</dd>
        </div>
        <div>
          <dt>Need help</dt>
          <dd data-count="need-help">{String(counts.needHelp)}</dd>
        </div>
        <div>
          <dt>No answer yet</dt>
          <dd data-count="no-response">{String(counts.noResponse)}</dd>
        </div>
      </dl>
      </div>
      {check.travelers.length === 0 ? (
        <p>No traveler was exposed, so nobody was asked.</p>
      ) : (
        <table>
          <caption>{state === 'done' ? 'Everyone has answered.' : 'Answers appear here as they arrive.'}</caption>
          <thead>
            <tr>
              <th scope="col">Traveler</th>
              <th scope="col">Answer</th>
              <th scope="col">When</th>
              <th scope="col">How</th>
            </tr>
          </thead>
          <tbody>
            {check.travelers.map((t) => (
              <tr data-status={t.status}>
                <td>{t.name}</td>
                <td>{STATUS_TEXT[t.status]}</td>
                <td>{t.respondedAt ? <Time iso={t.respondedAt} withTime /> : ''}</td>
                <td>{t.channel ? VIA[t.channel] : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The live page of one safety check. */
export function SafetyCheckPage({ check }: { check: CheckView }) {
  return (
    <Layout title="Safety check" current="/portal" scripts={['delivery-progress']} refreshWithoutScriptSeconds={30}>
      <p class="meta">
        <a href="/portal/travelers">Travelers</a>
      </p>
      <h1>Safety check</h1>
      <p class="lead">{check.message}</p>
      <p class="meta">
        {'Started '}
        <Time iso={check.createdAt} withTime />
        {` · ${check.travelers.length} traveler${check.travelers.length === 1 ? '' : 's'} asked by ${check.channels.join(' and ')}`}
        {check.reminders.next ? (
          <>
            {' · next reminder to those who have not answered '}
            <Time iso={check.reminders.next} withTime />
          </>
        ) : null}
      </p>
      <SafetyCheckSection check={check} pollUrl={`/portal/safety-checks/${check.id}/answers`} />
    </Layout>
  );
}
