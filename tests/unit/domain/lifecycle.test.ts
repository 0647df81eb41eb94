import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../../shared/errors';
import { applyEdit, approve, archive, assertPublisherOf, createHead, expire, publish, publishDue, submit, type Actor } from '../../../shared/domain/lifecycle';
import type { PublicationContent } from '../../../shared/domain/publication-content';
import { statusOf } from '../../../shared/domain/publication';

const alice: Actor = { personId: 'alice', orgId: 'org', role: 'publisher' };
const bob: Actor = { personId: 'bob', orgId: 'org', role: 'publisher' };
const T0 = '2026-11-25T10:00:00.000Z';
const T1 = '2026-11-25T11:00:00.000Z';
const T2 = '2026-11-25T12:00:00.000Z';

const advisory: PublicationContent = { kind: 'travel-advisory', title: 'Kenya', countries: ['KE'], summary: 's', body: 'b', sharing: 'TLP:CLEAR', level: 2, indicators: ['C'] };
const alert: PublicationContent = { kind: 'security-alert', title: 'Demo', countries: ['KE'], summary: 's', body: 'b', sharing: 'TLP:CLEAR', actions: ['Avoid'] };

function published(content: PublicationContent = advisory) {
  let head = createHead('P1', content, alice, T0);
  if (content.kind === 'travel-advisory') head = approve(head, bob, T0);
  const outcome = publish(head, alice, T0);
  if (!outcome.version) throw new Error('not published');
  return outcome.head;
}

describe('publishing workflow rules', () => {
  it('starts as a draft by its author', () => {
    const head = createHead('P1', advisory, alice, T0);
    expect(statusOf(head)).toBe('draft');
    expect(head.working?.editors).toEqual(['alice']);
  });

  it('refuses submitting twice', () => {
    const head = submit(createHead('P1', advisory, alice, T0), alice, T0);
    expect(() => submit(head, alice, T0)).toThrow(ConflictError);
  });

  it('refuses approval by anyone who edited the working copy', () => {
    const head = applyEdit(createHead('P1', advisory, alice, T0), { ...advisory, title: 'Kenya 2' }, {}, bob, T0);
    expect(() => approve(head, alice, T0)).toThrow(/did not write/);
    expect(() => approve(head, bob, T0)).toThrow(/did not write/);
  });

  it('needs approval for advisories and reports but not for alerts', () => {
    expect(() => publish(createHead('P1', advisory, alice, T0), alice, T0)).toThrow(/approval/);
    expect(publish(createHead('P2', alert, alice, T0), alice, T0).version?.version).toBe(1);
    expect(() => approve(createHead('P3', alert, alice, T0), bob, T0)).toThrow(/needs no approval/);
  });

  it('voids an approval when the working copy changes', () => {
    const approved = approve(createHead('P1', advisory, alice, T0), bob, T0);
    const edited = applyEdit(approved, { ...advisory, level: 3 }, {}, alice, T1);
    expect(edited.working?.stage).toBe('draft');
    expect(() => publish(edited, alice, T1)).toThrow(/approval/);
  });

  it('makes the first version major with a default change note', () => {
    const head = published();
    expect(head.current).toMatchObject({ version: 1, major: true, changeNote: 'First published.', approvedBy: 'bob', regions: ['AF'] });
    expect(head.working).toBeUndefined();
  });

  it('requires a change note and weight to amend, and numbers versions', () => {
    const head = published();
    expect(() => applyEdit(head, { ...advisory, level: 3 }, {}, alice, T1)).toThrow(ValidationError);
    const amended = applyEdit(head, { ...advisory, level: 3 }, { changeNote: 'Up', major: false }, alice, T1);
    expect(amended.current?.version).toBe(1);
    const outcome = publish(approve(amended, bob, T1), alice, T1);
    expect(outcome.version).toMatchObject({ version: 2, major: false, changeNote: 'Up' });
    expect(outcome.version && 'replaced' in outcome ? outcome.replaced?.version : undefined).toBe(1);
  });

  it('schedules a future publish and releases it only when due', () => {
    const outcome = publish(createHead('P1', alert, alice, T0), alice, T0, T2);
    expect(outcome.version).toBeUndefined();
    expect(statusOf(outcome.head)).toBe('scheduled');
    expect(publishDue(outcome.head, T1)).toBeUndefined();
    expect(publishDue(outcome.head, T2)?.version).toMatchObject({ version: 1, publishedBy: 'alice', publishedAt: T2 });
  });

  it('refuses an expiry that is not after the publish time', () => {
    expect(() => publish(createHead('P1', { ...alert, expiresAt: T0 }, alice, T1), alice, T1)).toThrow(ValidationError);
  });

  it('expires only once the end time has passed', () => {
    const head = published({ ...alert, expiresAt: T1 });
    expect(expire(head, T0)).toBeUndefined();
    expect(expire(head, T2)?.state).toBe('expired');
  });

  it('refuses every step on an archived publication', () => {
    const head = archive(published(), T1);
    expect(statusOf(head)).toBe('archived');
    expect(() => archive(head, T2)).toThrow(ConflictError);
    expect(() => applyEdit(head, advisory, { changeNote: 'x', major: true }, alice, T2)).toThrow(/archived/);
    expect(() => publish(head, alice, T2)).toThrow(/archived/);
  });

  it('lets only publishers of the owning organization act', () => {
    const head = published();
    expect(() => assertPublisherOf(head, { personId: 'm', orgId: 'org', role: 'member' })).toThrow(ForbiddenError);
    expect(() => assertPublisherOf(head, { personId: 'x', orgId: 'other', role: 'publisher' })).toThrow(ForbiddenError);
    expect(() => assertPublisherOf(head, alice)).not.toThrow();
  });
});
