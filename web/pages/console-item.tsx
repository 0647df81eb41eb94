import { channelLabel } from '../../shared/domain/channel';
import { countryName } from '../../shared/domain/country';
import { KIND_LABELS, needsApproval } from '../../shared/domain/publication-kind';
import { statusOf, type PublicationHead } from '../../shared/domain/publication';
import type { DeliveryStatus } from '../../shared/services/deliver-status';
import type { AudienceEstimate } from '../../shared/services/estimate-audience';
import type { ComposeWarning } from '../../shared/services/check-advisory-conflicts';
import type { FieldChange } from '../../shared/services/version-diff';
import { ChangeTable } from '../components/changes';
import { Warnings } from '../components/warnings';
import { DeliveryStatusSection, sectionState } from '../components/delivery-status';
import { CsrfField } from '../components/account';
import { PageErrorSummary, TextArea, TextField } from '../components/form';
import { Time } from '../components/format';
import { Layout } from '../components/layout';
import { STATUS_LABELS } from '../components/workflow-status';
import { PublicationArticle, SharingBanner } from './publication';

/** A POST button for one workflow step, carrying the revision it was shown at. */
function StepButton({ id, step, label, rev, secondary, children }: { id: string; step: string; label: string; rev: number; secondary?: boolean; children?: unknown }) {
  return (
    <form method="post" action={`/console/publications/${id}/${step}`} class="step-form">
      <CsrfField />
      <input type="hidden" name="rev" value={String(rev)} />
      {children as never}
      <button type="submit" class={secondary ? 'button secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
}

function AudienceSection({ estimate }: { estimate: AudienceEstimate | undefined }) {
  return (
    <section aria-labelledby="audience-title">
      <h2 id="audience-title">Audience estimate</h2>
      {estimate ? (
        <>
          <p>Active subscriptions that would receive this if it were published now, after their country, region, kind and level filters and the sharing level:</p>
          <dl class="facts">
            {estimate.channels.map((c) => (
              <>
                <dt>{channelLabel(c.channel)}</dt>
                <dd>{`${c.atLeast ? 'at least ' : ''}${c.count}`}</dd>
              </>
            ))}
          </dl>
        </>
      ) : (
        <p>Not available: there are no unpublished changes.</p>
      )}
    </section>
  );
}

export interface ConsoleItemProps {
  head: PublicationHead;
  me: string;
  names: Record<string, string>;
  estimate: AudienceEstimate | undefined;
  /** Delivery status by published version, newest first (empty before the first publication). */
  deliveries: DeliveryStatus;
  /** What the working copy changes against the published version, when amending. */
  changes?: readonly FieldChange[] | undefined;
  warnings?: readonly ComposeWarning[] | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}

/** One item in the console: what it says, where it stands, and the steps open to this publisher now. */
export function ConsoleItemPage({ head, me, names, estimate, deliveries, changes, warnings = [], notice, error }: ConsoleItemProps) {
  const working = head.working;
  const content = (working ?? head.current)!.content;
  const ended = head.state === 'archived' || head.state === 'expired';
  const approval = needsApproval(head.kind);
  const archiveNeedsTwo = approval && head.state === 'published';
  const stage = working?.stage;
  const wroteIt = working?.editors.includes(me) ?? false;
  const canSubmit = !ended && approval && stage === 'draft';
  const canApprove = !ended && approval && (stage === 'draft' || stage === 'submitted') && !wroteIt;
  const canReturn = canApprove && stage === 'submitted';
  const canUnarchive = head.state === 'archived' && !!head.current && !head.supersededBy && head.restoreRequest?.requestedBy !== me;
  const canPublish = !ended && !!working && (!approval || stage === 'approved' || (stage === 'scheduled' && !!working.approvedBy));
  const who = (id: string | undefined) => (id ? (names[id] ?? 'another publisher') : '');
  return (
    <Layout title={`${error ? 'Error: ' : ''}${content.title} – console`} current="/console" scripts={['delivery-progress']} refreshWithoutScriptSeconds={head.current && sectionState(deliveries) === 'sending' ? 10 : undefined}>
      <p class="breadcrumb">
        <a href="/console">Console</a>
      </p>
      <h1>{content.title}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <PageErrorSummary message={error} /> : null}
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{KIND_LABELS[head.kind]}</dd>
        <dt>Status</dt>
        <dd>
          {STATUS_LABELS[statusOf(head)]}
          {head.state === 'published' && working ? `; amendment ${STATUS_LABELS[working.stage].toLowerCase()}` : ''}
          {working?.publishAt && stage === 'scheduled' ? (
            <>
              {' for '}
              <Time iso={working.publishAt} withTime />
            </>
          ) : null}
        </dd>
        <dt>Countries</dt>
        <dd>
          {content.countries.map((cc) => countryName(cc) ?? cc).join(', ')}
          {head.kind === 'travel-advisory' && content.countries[0] ? (
            <>
              {' – '}
              <a href={`/console/items?kind=travel-advisory&country=${content.countries[0]}&status=archived`}>earlier advisories</a>
            </>
          ) : null}
        </dd>
        {head.current ? (
          <>
            <dt>Published version</dt>
            <dd>
              {`${head.current.version}, `}
              <Time iso={head.current.publishedAt} withTime />
              {' – '}
              <a href={`/publications/${head.id}`}>public page</a>
            </dd>
          </>
        ) : null}
        {working ? (
          <>
            <dt>Written by</dt>
            <dd>{working.editors.map((e) => (e === me ? 'you' : who(e))).join(', ')}</dd>
          </>
        ) : null}
        {working?.approvedBy ? (
          <>
            <dt>Approved by</dt>
            <dd>{working.approvedBy === me ? 'you' : who(working.approvedBy)}</dd>
          </>
        ) : null}
        {working?.changeNote ? (
          <>
            <dt>Change note</dt>
            <dd>{`${working.changeNote}${working.major === undefined ? '' : working.major ? ' (major)' : ' (minor)'}`}</dd>
          </>
        ) : null}
      </dl>
      <SharingBanner sharing={content.sharing} />
      {working?.returned ? (
        <div class="warning" role="note">
          <p>
            <strong>{`Returned to ${working.editors.includes(me) ? 'you' : 'the author'} by ${working.returned.by === me ? 'you' : who(working.returned.by)}`}</strong>
            {' ('}
            <Time iso={working.returned.at} withTime />
            {'):'}
          </p>
          <p class="returned-comment">{working.returned.comment}</p>
        </div>
      ) : null}
      <Warnings warnings={warnings} />
      {head.restoreRequest ? (
        <p class="meta">
          {head.restoreRequest.requestedBy === me
            ? 'You asked to unarchive this. Another publisher of your organization must confirm it before it is back in listings, feeds and the map.'
            : `${who(head.restoreRequest.requestedBy)} asked to unarchive this. Confirm to restore it to listings, feeds and the map.`}
        </p>
      ) : null}
      {canUnarchive ? (
        <StepButton id={head.id} step="unarchive" label={head.restoreRequest ? 'Confirm unarchive' : needsApproval(head.kind) ? 'Request unarchive' : 'Unarchive'} rev={head.rev} />
      ) : null}

      {!ended ? (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          <div class="button-row">
            <a class="button secondary" href={`/console/publications/${head.id}/edit`}>
              {head.state === 'published' ? (working ? 'Edit the amendment' : 'Amend') : 'Edit'}
            </a>
            {canSubmit ? <StepButton id={head.id} step="submit" label="Submit for approval" rev={head.rev} /> : null}
            {canApprove ? <StepButton id={head.id} step="approve" label="Approve" rev={head.rev} /> : null}
            {head.archiveRequest?.requestedBy === me ? null : (
              <StepButton id={head.id} step="archive" label={head.archiveRequest ? 'Confirm archive' : archiveNeedsTwo ? 'Request archive' : 'Archive'} rev={head.rev} secondary />
            )}
          </div>
          {head.archiveRequest ? (
            <p class="meta">
              {head.archiveRequest.requestedBy === me
                ? 'You asked to archive this. Another publisher of your organization must confirm it before it leaves listings, feeds and the map.'
                : `${who(head.archiveRequest.requestedBy)} asked to archive this (`}
              {head.archiveRequest.requestedBy === me ? null : (
                <>
                  <Time iso={head.archiveRequest.requestedAt} withTime />
                  {'). Confirm to withdraw it from listings, feeds and the map.'}
                </>
              )}
            </p>
          ) : archiveNeedsTwo ? (
            <p class="meta">{`Withdrawing a published ${KIND_LABELS[head.kind].toLowerCase()} needs a second publisher: archiving asks another publisher of your organization to confirm.`}</p>
          ) : null}
          {approval && working && wroteIt && (stage === 'draft' || stage === 'submitted') ? (
            <p class="meta">{`A ${KIND_LABELS[head.kind].toLowerCase()} needs approval by a second publisher: you wrote these changes, so another publisher of your organization must approve them.`}</p>
          ) : null}
          {canReturn ? (
            <details class="return-to-author">
              <summary>Return to author</summary>
              <StepButton id={head.id} step="return" label="Return to author" rev={head.rev} secondary>
                <TextArea name="comment" label="What should the author change?" required rows={3} hint="Emailed to the author and shown on this page until they submit again." />
              </StepButton>
            </details>
          ) : null}
          {canPublish ? (
            <StepButton id={head.id} step="publish" label={stage === 'scheduled' ? 'Publish now' : 'Publish'} rev={head.rev}>
              <TextField name="publishAt" type="datetime-local" label="Publish at (UTC)" hint="Leave empty to publish now; a future time schedules it." width="medium" />
            </StepButton>
          ) : null}
        </section>
      ) : null}

      {working ? <AudienceSection estimate={estimate} /> : null}
      {head.current ? <DeliveryStatusSection status={deliveries} pollUrl={`/console/publications/${head.id}/deliveries`} /> : null}

      {head.current && working && changes ? <ChangeTable kind={head.kind} from={head.current.version} changes={changes} /> : null}

      <section aria-labelledby="content-title">
        <h2 id="content-title">{working ? (head.current ? 'The amendment as it will be published' : 'As it will be published') : 'As published'}</h2>
        <div class="preview-frame">
          <PublicationArticle content={content} version={working ? undefined : head.current} titleAs="p" />
        </div>
      </section>
    </Layout>
  );
}
