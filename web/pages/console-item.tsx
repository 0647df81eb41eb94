import { raw } from 'hono/html';
import { channelLabel } from '../../shared/domain/channel';
import { countryName } from '../../shared/domain/country';
import { KIND_LABELS, needsApproval } from '../../shared/domain/publication-kind';
import { statusOf, type PublicationHead } from '../../shared/domain/publication';
import { renderMarkdown } from '../../shared/formats/markdown';
import type { DeliveryStatus } from '../../shared/services/deliver-status';
import type { AudienceEstimate } from '../../shared/services/estimate-audience';
import { DeliveryStatusSection, sectionState } from '../components/delivery-status';
import { CsrfField } from '../components/account';
import { TextField } from '../components/form';
import { Time } from '../components/format';
import { Layout } from '../components/layout';
import { STATUS_LABELS } from '../components/workflow-status';
import { SharingBanner } from './publication';

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
  notice?: string | undefined;
  error?: string | undefined;
}

/** One item in the console: what it says, where it stands, and the steps open to this publisher now. */
export function ConsoleItemPage({ head, me, names, estimate, deliveries, notice, error }: ConsoleItemProps) {
  const working = head.working;
  const content = (working ?? head.current)!.content;
  const ended = head.state === 'archived' || head.state === 'expired';
  const approval = needsApproval(head.kind);
  const archiveNeedsTwo = approval && head.state === 'published';
  const stage = working?.stage;
  const wroteIt = working?.editors.includes(me) ?? false;
  const canSubmit = !ended && approval && stage === 'draft';
  const canApprove = !ended && approval && (stage === 'draft' || stage === 'submitted') && !wroteIt;
  const canPublish = !ended && !!working && (!approval || stage === 'approved' || (stage === 'scheduled' && !!working.approvedBy));
  const who = (id: string | undefined) => (id ? (names[id] ?? 'another publisher') : '');
  return (
    <Layout title={`${content.title} – console`} current="/console" scripts={['delivery-progress']} refreshWithoutScriptSeconds={head.current && sectionState(deliveries) === 'sending' ? 10 : undefined}>
      <p class="breadcrumb">
        <a href="/console">Console</a>
      </p>
      <h1>{content.title}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
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
        <dd>{content.countries.map((cc) => countryName(cc) ?? cc).join(', ')}</dd>
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
          {canPublish ? (
            <StepButton id={head.id} step="publish" label={stage === 'scheduled' ? 'Publish now' : 'Publish'} rev={head.rev}>
              <TextField name="publishAt" type="datetime-local" label="Publish at (UTC)" hint="Leave empty to publish now; a future time schedules it." width="medium" />
            </StepButton>
          ) : null}
        </section>
      ) : null}

      {working ? <AudienceSection estimate={estimate} /> : null}
      {head.current ? <DeliveryStatusSection status={deliveries} pollUrl={`/console/publications/${head.id}/deliveries`} /> : null}

      <section aria-labelledby="content-title">
        <h2 id="content-title">{working ? 'Unpublished text' : 'Published text'}</h2>
        <div class="preview-frame">
          <p class="lead">{content.summary}</p>
          <div class="body">{raw(renderMarkdown(content.body))}</div>
        </div>
      </section>
    </Layout>
  );
}
