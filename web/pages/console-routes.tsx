import type { Context } from 'hono';
import { PUBLIC, roles } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import { actor } from '../../functions/http/middleware/auth';
import type { Router } from '../../functions/http/router';
import { KIND_LABELS, KindSchema, type Kind } from '../../shared/domain/publication-kind';
import type { PublicationHead, Version } from '../../shared/domain/publication';
import type { PublicationContent } from '../../shared/domain/publication-content';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../shared/errors';
import { approvePublication } from '../../shared/services/approve-publication';
import { archivePublication } from '../../shared/services/archive-publication';
import { checkDraft, createDraft } from '../../shared/services/create-draft';
import { editPublication, prepareEdit } from '../../shared/services/edit-publication';
import { checkAdvisoryConflicts } from '../../shared/services/check-advisory-conflicts';
import { returnPublication } from '../../shared/services/return-publication';
import { unarchivePublication } from '../../shared/services/unarchive-publication';
import { diffVersions } from '../../shared/services/version-diff';
import { estimateAudience } from '../../shared/services/estimate-audience';
import { listOrganizations } from '../../shared/services/list-organizations';
import { loadOwnedPublication } from '../../shared/services/load-owned-publication';
import { publishPublication } from '../../shared/services/publish-publication';
import { describeDeliveries } from '../../shared/services/deliver-status';
import { readPeopleNames } from '../../shared/services/read-people-names';
import { readWorkbench } from '../../shared/services/read-workbench';
import { submitPublication } from '../../shared/services/submit-publication';
import { groupIssues, type FieldErrors } from '../components/form';
import { DeliveryStatusSection } from '../components/delivery-status';
import { areasIn, countriesIn, placeMapSvg } from '../components/place-editor';
import { PublicationForm } from '../components/publication-form';
import { Warnings } from '../components/warnings';
import { ChangeTable } from '../components/changes';
import { ChooseKindPage } from './console-choose-kind';
import { ComposePage, ContentPreview } from './console-compose';
import { ConsoleHome } from './console-home';
import { ConsoleItemPage } from './console-item';
import { ConfirmStepPage, type ConfirmableStep } from './console-confirm';
import { publisherIssues } from './publisher-errors';
import { ErrorPage } from './error-pages';
import { contentFromForm, fieldsOf, formFromContent, formValues, type FormValues } from './publication-form';
import { sendPage } from './respond';

const DONE: Record<string, string> = { submit: 'submitted', approve: 'approved', archive: 'archived', return: 'returned', unarchive: 'unarchived' };
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Notices shown after a step, chosen by a fixed code in the redirect so nothing user-written is echoed. */
const NOTICES: Record<string, string> = {
  created: 'Draft saved.',
  saved: 'Changes saved.',
  submitted: 'Submitted for approval. The other publishers of your organization have been emailed a link to review it.',
  approved: 'Approved. It can now be published.',
  published: 'Published. Subscribers are being notified.',
  scheduled: 'Scheduled.',
  archived: 'Archived. It no longer appears in listings and feeds. You can unarchive it from the Archived view.',
  returned: 'Returned to the author with your comment; they have been emailed.',
  unarchived: 'Unarchived. It is back in listings and feeds as it was; nobody was alerted again.',
  'unarchive-requested': 'Unarchive requested. Another publisher of your organization must confirm it before it is back in listings and feeds.',
  'archive-requested': 'Archive requested. Another publisher of your organization must confirm it before it leaves listings and feeds.',
};

function itemId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!ULID.test(id)) throw new NotFoundError('Publication');
  return id;
}

/** The people named in a head's workflow fields. */
const workflowPeople = (head: PublicationHead) =>
  [
    ...(head.working?.editors ?? []),
    head.working?.approvedBy,
    head.working?.submittedBy,
    head.working?.returned?.by,
    head.archiveRequest?.requestedBy,
    head.restoreRequest?.requestedBy,
  ].filter((x): x is string => !!x);

/** What an amendment changes against the published version, field by field. */
function amendmentChanges(head: PublicationHead) {
  if (!head.current || !head.working) return undefined;
  return diffVersions(head.current, { ...head.current, content: head.working.content }).changes;
}

async function itemPage(c: Context<AppEnv>, head: PublicationHead, extra: { notice?: string | undefined; error?: string | undefined; status?: 200 | 409 | 412 | 422 } = {}) {
  const deps = c.var.deps;
  const content = (head.working ?? head.current)?.content;
  const live = head.state === 'unpublished' || (head.state === 'published' && !!head.working);
  const [names, estimate, deliveries, warnings] = await Promise.all([
    readPeopleNames(deps, workflowPeople(head)),
    estimateAudience(deps, head),
    describeDeliveries(deps, head),
    content && live ? checkAdvisoryConflicts(deps, head.orgId, content, head.id) : [],
  ]);
  const page = (
    <ConsoleItemPage head={head} me={actor(c).personId} names={names} estimate={estimate} deliveries={deliveries} changes={amendmentChanges(head)} warnings={warnings} notice={extra.notice} error={extra.error} />
  );
  return sendPage(c, page, {
    status: extra.status ?? 200,
    scripts: true,
  });
}

const formRev = (values: FormValues): number | undefined => {
  const rev = Array.isArray(values.rev) ? values.rev[0] : values.rev;
  return rev && /^\d+$/.test(rev) ? Number(rev) : undefined;
};

/** A posted form: its values, the errors saving found (or would find), and for a preview the content that passed. */
type FormOutcome = { values: FormValues; errors: FieldErrors; preview: boolean; checked?: PublicationContent | undefined };

/** Errors of a refused save or preview, in the form's fields and a publisher's words. */
function formErrors(error: ValidationError, content: Record<string, unknown>, known: ReadonlySet<string>): FieldErrors {
  return groupIssues(publisherIssues(error.issues, content), known);
}

/** Renders the compose or edit page, with a preview and errors as asked. */
async function formPage(c: Context<AppEnv>, options: { kind: Kind; heading: string; action: string; outcome: FormOutcome; amending?: boolean; rev?: number; submitLabel: string; status?: 200 | 412 | 422; selfId?: string; published?: Version | undefined }) {
  const { kind, outcome } = options;
  const content = contentFromForm(kind, outcome.values);
  const [organizations, warnings] = await Promise.all([listOrganizations(c.var.deps, 'member'), checkAdvisoryConflicts(c.var.deps, actor(c).orgId, content as { kind: string }, options.selfId)]);
  return sendPage(
    c,
    <ComposePage heading={options.heading} kind={kind} failed={Object.keys(outcome.errors).length > 0}>
      {kind === 'travel-advisory' ? (
        <div aria-live="polite" data-advisory-check={`/console/advisory-check?self=${options.selfId ?? ''}`}>
          <Warnings warnings={warnings} />
        </div>
      ) : (
        <Warnings warnings={warnings} />
      )}
      {outcome.preview && outcome.checked && options.published ? (
        <ChangeTable kind={kind} from={options.published.version} changes={diffVersions(options.published, { ...options.published, content: outcome.checked }).changes} />
      ) : null}
      {outcome.preview && outcome.checked ? <ContentPreview content={outcome.checked} /> : null}
      <PublicationForm
        kind={kind}
        action={options.action}
        values={outcome.values}
        errors={outcome.errors}
        organizations={organizations}
        amending={options.amending}
        rev={options.rev}
        submitLabel={options.submitLabel}
      />
    </ComposePage>,
    { status: options.status ?? 200, scripts: true },
  );
}

/** Publisher console: compose, edit, review and publish, as server-rendered forms. */
export function consoleRoutes(router: Router): void {
  const publisher = roles('publisher');

  router.on('GET', '/console', PUBLIC, async (c) => {
    const viewer = c.var.viewer;
    if (viewer.kind === 'anonymous') return c.redirect('/sign-in?next=%2Fconsole', 303);
    if (viewer.role !== 'publisher') {
      return sendPage(c, <ErrorPage title="Publishers only" message="The console is for publishers of a publishing organization. Your account is not a publisher's." />, { status: 403 });
    }
    const page = await readWorkbench(c.var.deps, actor(c), 100);
    return sendPage(c, <ConsoleHome items={page.items} notice={NOTICES[c.req.query('done') ?? '']} />);
  });

  router.on('GET', '/console/new', publisher, async (c) => {
    const parsed = KindSchema.safeParse(c.req.query('kind'));
    if (!parsed.success) return sendPage(c, <ChooseKindPage />);
    const kind = parsed.data;
    const values: FormValues = { sharing: 'TLP:CLEAR' };
    return formPage(c, { kind, heading: `New ${KIND_LABELS[kind].toLowerCase()}`, action: '/console/new', outcome: { values, errors: {}, preview: false }, submitLabel: 'Save draft' });
  });

  router.on('POST', '/console/new', publisher, async (c) => {
    const values = formValues(await c.req.parseBody({ all: true }));
    const parsed = KindSchema.safeParse(values.kind);
    if (!parsed.success) return sendPage(c, <ChooseKindPage />, { status: 422 });
    const kind = parsed.data;
    const known = new Set(fieldsOf(kind).map((f) => f.name));
    const base = { kind, heading: `New ${KIND_LABELS[kind].toLowerCase()}`, action: '/console/new', submitLabel: 'Save draft' };
    const input = contentFromForm(kind, values);
    // The picker's "Add" (no JavaScript) only adds a country: the form comes back as typed.
    if (values.intent === 'add-country') return formPage(c, { ...base, outcome: { values, errors: {}, preview: false } });
    const preview = values.intent === 'preview';
    try {
      // Preview runs every check that saving runs, and saves nothing.
      if (preview) return formPage(c, { ...base, outcome: { values, errors: {}, preview, checked: await checkDraft(c.var.deps, actor(c), input) } });
      const head = await createDraft(c.var.deps, actor(c), input);
      return c.redirect(`/console/publications/${head.id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return formPage(c, { ...base, outcome: { values, errors: formErrors(error, input, known), preview }, status: 422 });
    }
  });

  router.on('GET', '/console/publications/:id', publisher, async (c) => {
    const head = await loadOwnedPublication(c.var.deps, actor(c), itemId(c));
    return itemPage(c, head, { notice: NOTICES[c.req.query('done') ?? ''] });
  });

  // The delivery section alone, for the item page's script to put in place while a fan-out runs.
  router.on('GET', '/console/publications/:id/deliveries', publisher, async (c) => {
    const head = await loadOwnedPublication(c.var.deps, actor(c), itemId(c));
    const html = String(await (<DeliveryStatusSection status={await describeDeliveries(c.var.deps, head)} pollUrl={`/console/publications/${head.id}/deliveries`} />));
    c.header('cache-control', 'private, no-store');
    c.header('content-security-policy', "default-src 'none'");
    return c.html(html);
  });

  // The compose form's map for other countries, for its script to put in place when the countries field changes.
  router.on('GET', '/console/place-map', publisher, async (c) => {
    const html = placeMapSvg(countriesIn(c.req.query('countries') ?? ''), areasIn((c.req.query('areas') ?? '').slice(0, 20_000)));
    c.header('cache-control', 'private, no-store');
    c.header('content-security-policy', "default-src 'none'");
    return c.html(html);
  });

  // The compose form's warnings alone, for its script to show as soon as the country, level or summary changes.
  router.on('GET', '/console/advisory-check', publisher, async (c) => {
    const query = c.req.query();
    const self = ULID.test(query.self ?? '') ? query.self : undefined;
    const content = contentFromForm('travel-advisory', { countries: query.countries ?? '', level: query.level ?? '', summary: query.summary ?? '' });
    const warnings = await checkAdvisoryConflicts(c.var.deps, actor(c).orgId, content as { kind: string }, self);
    c.header('cache-control', 'private, no-store');
    c.header('content-security-policy', "default-src 'none'");
    return c.html(warnings.length ? String(await (<Warnings warnings={warnings} />)) : '');
  });

  router.on('GET', '/console/publications/:id/edit', publisher, async (c) => {
    const head = await loadOwnedPublication(c.var.deps, actor(c), itemId(c));
    const content = (head.working ?? head.current)!.content;
    const values = formFromContent(content);
    if (head.working?.changeNote) values.changeNote = head.working.changeNote;
    if (head.working?.major !== undefined) values.major = String(head.working.major);
    if (head.state === 'archived' || head.state === 'expired') {
      return itemPage(c, head, { error: `This publication is ${head.state} and can no longer be edited.`, status: 409 });
    }
    return formPage(c, editOptions(head, { values, errors: {}, preview: false }));
  });

  router.on('POST', '/console/publications/:id/edit', publisher, async (c) => {
    const id = itemId(c);
    const values = formValues(await c.req.parseBody({ all: true }));
    const head = await loadOwnedPublication(c.var.deps, actor(c), id);
    const known = new Set([...fieldsOf(head.kind).map((f) => f.name), 'changeNote', 'major']);
    if (values.intent === 'add-country') return formPage(c, { ...editOptions(head, { values, errors: {}, preview: false }), rev: formRev(values) ?? head.rev });
    const preview = values.intent === 'preview';
    const patch: Record<string, unknown> = contentFromForm(head.kind, values, { clear: true });
    const note = typeof values.changeNote === 'string' ? values.changeNote.trim() : '';
    if (note) patch.changeNote = note;
    if (values.major === 'true' || values.major === 'false') patch.major = values.major === 'true';
    try {
      if (preview) {
        const { next } = await prepareEdit(c.var.deps, actor(c), id, patch);
        return formPage(c, { ...editOptions(head, { values, errors: {}, preview, checked: next.working?.content }), rev: formRev(values) ?? head.rev });
      }
      await editPublication(c.var.deps, actor(c), id, patch, formRev(values) ?? head.rev);
      return c.redirect(`/console/publications/${id}?done=saved`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return formPage(c, { ...editOptions(head, { values, errors: formErrors(error, patch, known), preview }), rev: formRev(values) ?? head.rev, status: 422 });
      if (error instanceof PreconditionFailedError) {
        const errors = { _form: ['Someone else changed this publication since you opened the form. Your text is below; compare it with the current version, then save again.'] };
        return formPage(c, { ...editOptions(head, { values, errors, preview: false }), status: 412 });
      }
      throw error;
    }
  });

  const steps = {
    submit: (c: Context<AppEnv>, id: string, rev?: number) => submitPublication(c.var.deps, actor(c), id, rev),
    approve: (c: Context<AppEnv>, id: string, rev?: number) => approvePublication(c.var.deps, actor(c), id, rev),
    archive: (c: Context<AppEnv>, id: string, rev?: number) => archivePublication(c.var.deps, actor(c), id, rev),
    unarchive: (c: Context<AppEnv>, id: string, rev?: number) => unarchivePublication(c.var.deps, actor(c), id, rev),
    return: (c: Context<AppEnv>, id: string, rev: number | undefined, values: FormValues) => returnPublication(c.var.deps, actor(c), id, { comment: one(values.comment) }, rev),
    publish: async (c: Context<AppEnv>, id: string, rev: number | undefined, values: FormValues) => {
      const publishAt = publishAtOf(values);
      return publishPublication(c.var.deps, actor(c), id, publishAt ? { publishAt } : {}, rev);
    },
  };
  /** Steps that cannot be taken back by the same person at once: the first post shows what they do and asks again. */
  const CONFIRM: ReadonlySet<string> = new Set<ConfirmableStep>(['publish', 'archive']);
  for (const [step, run] of Object.entries(steps)) {
    router.on('POST', `/console/publications/:id/${step}`, publisher, async (c) => {
      const id = itemId(c);
      const values = formValues(await c.req.parseBody());
      try {
        if (CONFIRM.has(step) && values.confirm !== 'yes') {
          const head = await loadOwnedPublication(c.var.deps, actor(c), id, formRev(values));
          return await confirmPage(c, head, step as ConfirmableStep, values);
        }
        const head = await run(c, id, formRev(values), values);
        const done =
          step === 'publish'
            ? head.state === 'published' && !head.working
              ? 'published'
              : 'scheduled'
            : step === 'archive' && head.state !== 'archived'
              ? 'archive-requested'
              : step === 'unarchive' && head.state === 'archived'
                ? 'unarchive-requested'
                : DONE[step];
        return c.redirect(`/console/publications/${id}?done=${done}`, 303);
      } catch (error) {
        const current = await loadOwnedPublication(c.var.deps, actor(c), id);
        if (error instanceof PreconditionFailedError) return itemPage(c, current, { error: 'Someone else changed this publication since you loaded the page. Check it again below.', status: 412 });
        if (error instanceof ConflictError) return itemPage(c, current, { error: error.message, status: 409 });
        if (error instanceof ValidationError) {
          const content = (current.working ?? current.current)?.content ?? {};
          const issues = publisherIssues(error.issues, { ...content, ...values });
          const label: Record<string, string> = { comment: 'Comment', publishAt: 'Publish at', expiresAt: 'Expires at' };
          return itemPage(c, current, { error: issues.map((i) => `${label[i.path] ?? i.path}: ${i.message}`).join(' '), status: 422 });
        }
        throw error;
      }
    });
  }
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** `datetime-local` (UTC) or an ISO instant from the publish form; undefined to publish now. */
function publishAtOf(values: FormValues): string | undefined {
  const at = one(values.publishAt).trim();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at) ? `${at}:00Z` : at || undefined;
}

/** The confirmation step of publish or archive: what it will do and to whom, with the button that does it. */
async function confirmPage(c: Context<AppEnv>, head: PublicationHead, step: ConfirmableStep, values: FormValues) {
  const estimate = step === 'publish' ? await estimateAudience(c.var.deps, head) : undefined;
  return sendPage(c, <ConfirmStepPage head={head} step={step} estimate={estimate} publishAt={publishAtOf(values)} />);
}

function editOptions(head: PublicationHead, outcome: FormOutcome) {
  const amending = head.state === 'published';
  return {
    kind: head.kind,
    heading: amending ? `Amend: ${(head.working ?? head.current)!.content.title}` : `Edit: ${(head.working ?? head.current)!.content.title}`,
    action: `/console/publications/${head.id}/edit`,
    outcome,
    amending,
    rev: head.rev,
    selfId: head.id,
    published: amending ? head.current : undefined,
    submitLabel: amending ? 'Save amendment' : 'Save draft',
  };
}
