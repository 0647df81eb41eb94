import type { Context } from 'hono';
import { PUBLIC, roles } from '../../functions/http/access';
import type { AppEnv } from '../../functions/http/env';
import { actor } from '../../functions/http/middleware/auth';
import type { Router } from '../../functions/http/router';
import { KIND_LABELS, KindSchema, type Kind } from '../../shared/domain/publication-kind';
import type { PublicationHead } from '../../shared/domain/publication';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../shared/errors';
import { approvePublication } from '../../shared/services/approve-publication';
import { archivePublication } from '../../shared/services/archive-publication';
import { createDraft } from '../../shared/services/create-draft';
import { editPublication } from '../../shared/services/edit-publication';
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
import { MarkdownPreview, PublicationForm } from '../components/publication-form';
import { ChooseKindPage } from './console-choose-kind';
import { ComposePage } from './console-compose';
import { ConsoleHome } from './console-home';
import { ConsoleItemPage } from './console-item';
import { ErrorPage } from './error-pages';
import { contentFromForm, fieldsOf, formFromContent, formValues, type FormValues } from './publication-form';
import { sendPage } from './respond';

const DONE: Record<string, string> = { submit: 'submitted', approve: 'approved', archive: 'archived' };
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Notices shown after a step, chosen by a fixed code in the redirect so nothing user-written is echoed. */
const NOTICES: Record<string, string> = {
  created: 'Draft saved.',
  saved: 'Changes saved.',
  submitted: 'Submitted for approval. Another publisher of your organization can now approve it.',
  approved: 'Approved. It can now be published.',
  published: 'Published. Subscribers are being notified.',
  scheduled: 'Scheduled.',
  archived: 'Archived. It no longer appears in listings and feeds.',
  'archive-requested': 'Archive requested. Another publisher of your organization must confirm it before it leaves listings and feeds.',
};

function itemId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!ULID.test(id)) throw new NotFoundError('Publication');
  return id;
}

/** The people named in a head's workflow fields. */
const workflowPeople = (head: PublicationHead) =>
  [...(head.working?.editors ?? []), head.working?.approvedBy, head.working?.submittedBy, head.archiveRequest?.requestedBy].filter((x): x is string => !!x);

async function itemPage(c: Context<AppEnv>, head: PublicationHead, extra: { notice?: string | undefined; error?: string | undefined; status?: 200 | 409 | 412 | 422 } = {}) {
  const deps = c.var.deps;
  const [names, estimate, deliveries] = await Promise.all([readPeopleNames(deps, workflowPeople(head)), estimateAudience(deps, head), describeDeliveries(deps, head)]);
  return sendPage(c, <ConsoleItemPage head={head} me={actor(c).personId} names={names} estimate={estimate} deliveries={deliveries} notice={extra.notice} error={extra.error} />, {
    status: extra.status ?? 200,
    scripts: true,
  });
}

const formRev = (values: FormValues): number | undefined => {
  const rev = Array.isArray(values.rev) ? values.rev[0] : values.rev;
  return rev && /^\d+$/.test(rev) ? Number(rev) : undefined;
};

type FormOutcome = { values: FormValues; errors: FieldErrors; preview: boolean };

/** Renders the compose or edit page, with a preview and errors as asked. */
async function formPage(c: Context<AppEnv>, options: { kind: Kind; heading: string; action: string; outcome: FormOutcome; amending?: boolean; rev?: number; submitLabel: string; status?: 200 | 412 | 422 }) {
  const { kind, outcome } = options;
  const organizations = await listOrganizations(c.var.deps, 'member');
  const content = contentFromForm(kind, outcome.values);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const sections = Array.isArray(content.sections) ? (content.sections as { heading: string; body: string }[]) : undefined;
  return sendPage(
    c,
    <ComposePage heading={options.heading} kind={kind}>
      {outcome.preview ? <MarkdownPreview title={str(content.title)} summary={str(content.summary)} body={str(content.body)} sections={sections} /> : null}
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
    if (values.intent === 'preview' || values.intent === 'add-country') return formPage(c, { ...base, outcome: { values, errors: {}, preview: true } });
    try {
      const head = await createDraft(c.var.deps, actor(c), contentFromForm(kind, values));
      return c.redirect(`/console/publications/${head.id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return formPage(c, { ...base, outcome: { values, errors: groupIssues(error.issues, known), preview: false }, status: 422 });
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
    if (values.intent === 'preview' || values.intent === 'add-country') return formPage(c, { ...editOptions(head, { values, errors: {}, preview: true }), rev: formRev(values) ?? head.rev });
    const patch: Record<string, unknown> = contentFromForm(head.kind, values, { clear: true });
    const note = typeof values.changeNote === 'string' ? values.changeNote.trim() : '';
    if (note) patch.changeNote = note;
    if (values.major === 'true' || values.major === 'false') patch.major = values.major === 'true';
    try {
      await editPublication(c.var.deps, actor(c), id, patch, formRev(values) ?? head.rev);
      return c.redirect(`/console/publications/${id}?done=saved`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return formPage(c, { ...editOptions(head, { values, errors: groupIssues(error.issues, known), preview: false }), rev: formRev(values) ?? head.rev, status: 422 });
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
    publish: async (c: Context<AppEnv>, id: string, rev: number | undefined, values: FormValues) => {
      const at = typeof values.publishAt === 'string' ? values.publishAt.trim() : '';
      const publishAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at) ? `${at}:00Z` : at || undefined;
      return publishPublication(c.var.deps, actor(c), id, publishAt ? { publishAt } : {}, rev);
    },
  };
  for (const [step, run] of Object.entries(steps)) {
    router.on('POST', `/console/publications/:id/${step}`, publisher, async (c) => {
      const id = itemId(c);
      const values = formValues(await c.req.parseBody());
      try {
        const head = await run(c, id, formRev(values), values);
        const done =
          step === 'publish' ? (head.state === 'published' && !head.working ? 'published' : 'scheduled') : step === 'archive' && head.state !== 'archived' ? 'archive-requested' : DONE[step];
        return c.redirect(`/console/publications/${id}?done=${done}`, 303);
      } catch (error) {
        const current = await loadOwnedPublication(c.var.deps, actor(c), id);
        if (error instanceof PreconditionFailedError) return itemPage(c, current, { error: 'Someone else changed this publication since you loaded the page. Check it again below.', status: 412 });
        if (error instanceof ConflictError) return itemPage(c, current, { error: error.message, status: 409 });
        if (error instanceof ValidationError) return itemPage(c, current, { error: error.issues.map((i) => `${i.path}: ${i.message}`).join(' '), status: 422 });
        throw error;
      }
    });
  }
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
    submitLabel: amending ? 'Save amendment' : 'Save draft',
  };
}
