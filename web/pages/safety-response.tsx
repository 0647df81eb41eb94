import type { SafetyStatus } from '../../shared/domain/safety-check';
import type { ResponseView } from '../../shared/services/answer-safety-check';
import { Layout } from '../components/layout';

const ANSWERED: Record<Exclude<SafetyStatus, 'no-response'>, string> = {
  safe: 'You answered: I am safe.',
  'need-help': 'You answered: I need help. Your organization’s security contacts have been told.',
};

/**
 * A traveler's one-tap answer page (`/r/<token>`, opened from the message):
 * the organization's question and two buttons, each a POST with the token.
 * No sign-in: the token is the credential. `answered` is set after a POST.
 */
export function SafetyResponsePage({ view, token, answered = false }: { view: ResponseView; token: string; answered?: boolean }) {
  const { response, orgName, check } = view;
  const status = response.status;
  return (
    <Layout title="Are you safe?">
      <h1>Are you safe?</h1>
      <p class="lead">{`${orgName} is checking on ${response.name}.`}</p>
      <blockquote class="safety-question">{check.message}</blockquote>
      {status !== 'no-response' ? (
        <p class="notice" role="status">
          {answered ? ANSWERED[status] : `${ANSWERED[status]} You can change your answer below.`}
        </p>
      ) : null}
      <div class="safety-answers">
        <form method="post" action={`/r/${token}`}>
          <input type="hidden" name="answer" value="safe" />
          <button type="submit" class="button button-safe">
            I am safe
          </button>
        </form>
        <form method="post" action={`/r/${token}`}>
          <input type="hidden" name="answer" value="need-help" />
          <button type="submit" class="button button-help">
            I need help
          </button>
        </form>
      </div>
      <p>By SMS, reply SAFE or HELP to the message instead.</p>
    </Layout>
  );
}

/** The stop page of a traveler alert's link (`/t/<code>`): a button stops automatic alerts; safety checks still come. */
export function StopAlertsPage({ code, orgName, stopped }: { code: string; orgName: string; stopped: boolean }) {
  return (
    <Layout title={stopped ? 'Alerts stopped' : 'Stop travel alerts'}>
      <h1>{stopped ? 'Alerts stopped' : 'Stop travel alerts'}</h1>
      {stopped ? (
        <p class="lead" role="status">
          {`You will no longer receive automatic alerts for the trips ${orgName} registered. If ${orgName} asks whether you are safe after an incident, that message still reaches you.`}
        </p>
      ) : (
        <>
          <p class="lead">{`${orgName} registered your trips with Outpost, so alerts about the places you visit reach you.`}</p>
          <form method="post" action={`/t/${code}`}>
            <button type="submit" class="button">
              Stop these alerts
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
