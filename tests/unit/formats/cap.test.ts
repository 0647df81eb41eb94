import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADVISORY_LEVELS } from '../../../shared/domain/advisory-level';
import { ALERT_SEVERITY } from '../../../shared/domain/assessment';
import { AlertTypeSchema } from '../../../shared/domain/publication-content';
import { ATOM_NS } from '../../../shared/formats/atom';
import {
  ADVISORY_ASSESSMENT,
  CAP_NS,
  capDateTime,
  capIdentifier,
  capReference,
  renderCap,
  renderCapIndex,
  type CapOptions,
} from '../../../shared/formats/cap';
import { buildFeedEntry, type FeedMeta } from '../../../shared/formats/feed-entry';
import { advisoryInput, alertInput, anniversaryInput, BASE_URL, ENTITY_LOOKALIKES, HOSTILE, versionOf } from './fixtures';
import { atomErrors, capErrors, childElements, childText, parseXml, xpathString } from './xml-validation';

const OPTS: CapOptions = { baseUrl: BASE_URL, sender: 'outpost.example' };
const PUBLISHED = '2026-03-01T09:30:00.250Z';

function alertOf(xml: string): Element {
  return parseXml(xml).documentElement;
}

function infoOf(xml: string): Element {
  const info = childElements(alertOf(xml), CAP_NS, 'info')[0];
  if (!info) throw new Error('no info');
  return info;
}

const text = (el: Element, name: string) => childText(el, CAP_NS, name);

describe('renderCap', () => {
  it('produces a schema-valid CAP 1.2 Alert for a first security alert', async () => {
    const v = versionOf(alertInput(), { publishedAt: PUBLISHED });
    const xml = renderCap(v, OPTS);
    expect(await capErrors(xml)).toEqual([]);
    const alert = alertOf(xml);
    expect(alert.namespaceURI).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(text(alert, 'identifier')).toBe(`urn:outpost:alert:${v.id}:v1`);
    expect(text(alert, 'sender')).toBe('outpost.example');
    expect(text(alert, 'sent')).toBe('2026-03-01T09:30:00-00:00');
    expect(text(alert, 'status')).toBe('Actual');
    expect(text(alert, 'msgType')).toBe('Alert');
    expect(text(alert, 'scope')).toBe('Public');
    expect(childElements(alert, CAP_NS, 'references')).toHaveLength(0);

    const info = infoOf(xml);
    expect(text(info, 'language')).toBe('en-US');
    expect(childElements(info, CAP_NS, 'category').map((c) => c.textContent)).toEqual(['Security']);
    expect(text(info, 'event')).toBe('Security Alert: Demonstration');
    expect(text(info, 'effective')).toBe('2026-03-01T09:30:00-00:00');
    expect(text(info, 'onset')).toBe('2026-03-02T21:00:00-00:00');
    expect(text(info, 'expires')).toBe('2026-03-03T02:00:00-00:00');
    expect(text(info, 'headline')).toBe('Demonstration near the embassy');
    expect(text(info, 'instruction')).toBe('- Avoid the area.\n- Monitor local media.');
    expect(text(info, 'web')).toBe(`${BASE_URL}/publications/${v.id}`);
    expect(text(info, 'contact')).toBe('U.S. Embassy Mexico City, +52 55 8526 2561, acs@example.gov, https://mx.usembassy.gov/');
  });

  it('writes the description as plain text, not HTML', () => {
    const xml = renderCap(versionOf(alertInput()), OPTS);
    const description = text(infoOf(xml), 'description') ?? '';
    expect(description).toContain('A demonstration is planned on Paseo de la Reforma.');
    expect(description).toContain('Where: Mexico City; Paseo de la Reforma.');
    expect(description).toContain('Violent crime occurs.\n\n- Avoid walking at night.\n- Keep valuables out of sight.');
    expect(description).not.toMatch(/<\/?[a-z]+>/);
    expect(description).not.toContain('**');
  });

  it('describes the area by country names with one ISO 3166-1 alpha-2 geocode per country', () => {
    const xml = renderCap(versionOf(alertInput({ countries: ['KE', 'TZ'] })), OPTS);
    const area = childElements(infoOf(xml), CAP_NS, 'area')[0];
    if (!area) throw new Error('no area');
    expect(text(area, 'areaDesc')).toBe('Kenya, Tanzania');
    const geocodes = childElements(area, CAP_NS, 'geocode').map((g) => [text(g, 'valueName'), text(g, 'value')]);
    expect(geocodes).toEqual([
      ['ISO 3166-1 alpha-2', 'KE'],
      ['ISO 3166-1 alpha-2', 'TZ'],
    ]);
  });

  it('makes later versions Updates that reference the earlier alerts as sender,identifier,sent triples', async () => {
    const v1 = versionOf(alertInput(), { publishedAt: '2026-03-01T09:30:00.999Z' });
    const v2 = versionOf(alertInput(), { id: v1.id, version: 2, publishedAt: '2026-03-01T12:00:00+01:00', changeNote: 'Extended to the evening.' });
    const v3 = versionOf(alertInput(), { id: v1.id, version: 3, publishedAt: '2026-03-01T13:00:00Z', changeNote: 'Moved.' });
    const xml = renderCap(v3, { ...OPTS, previous: [capReference(v1), capReference(v2)] });
    expect(await capErrors(xml)).toEqual([]);
    const alert = alertOf(xml);
    expect(text(alert, 'msgType')).toBe('Update');
    expect(text(alert, 'identifier')).toBe(capIdentifier(v1.id, 3));
    expect(text(alert, 'note')).toBe('Moved.');
    expect(text(alert, 'references')).toBe(
      `outpost.example,urn:outpost:alert:${v1.id}:v1,2026-03-01T09:30:00-00:00 outpost.example,urn:outpost:alert:${v1.id}:v2,2026-03-01T11:00:00-00:00`,
    );
  });

  it('refuses an Update without the alerts it replaces', () => {
    const v2 = versionOf(alertInput(), { version: 2, changeNote: 'x' });
    expect(() => renderCap(v2, OPTS)).toThrow(/needs the earlier alerts/);
    expect(() => renderCap(v2, { ...OPTS, previous: [] })).toThrow(RangeError);
  });

  it('keeps the identifier stable per version and distinct between versions', () => {
    const v1 = versionOf(alertInput());
    const again = renderCap(v1, OPTS);
    expect(renderCap(v1, OPTS)).toBe(again);
    expect(capIdentifier(v1.id, 1)).not.toBe(capIdentifier(v1.id, 2));
  });

  it('renders only security alerts and travel advisories', () => {
    expect(() => renderCap(versionOf(anniversaryInput()), OPTS)).toThrow(/only rendered for/);
  });

  it('refuses a sender CAP cannot carry', () => {
    for (const sender of ['out post', 'a,b', 'a<b', 'a&b', '']) {
      expect(() => renderCap(versionOf(alertInput()), { ...OPTS, sender }), sender).toThrow(RangeError);
    }
  });

  it('writes CAP date-times with an explicit -00:00 offset and no fractional seconds', () => {
    expect(capDateTime('2026-11-25T17:00:00.987+03:00')).toBe('2026-11-25T14:00:00-00:00');
    expect(capDateTime('2026-11-25T14:00:00Z')).toBe('2026-11-25T14:00:00-00:00');
    expect(() => capDateTime('yesterday')).toThrow(RangeError);
  });

  it('is checked by a schema that does reject invalid CAP', async () => {
    const xml = renderCap(versionOf(alertInput()), OPTS).replace(/-00:00<\/sent>/, 'Z</sent>');
    expect(await capErrors(xml)).not.toEqual([]);
  });

  describe('expires (required by Google Public Alerts)', () => {
    it('uses expiresAt first', () => {
      const xml = renderCap(versionOf(alertInput({ expiresAt: '2026-03-05T00:00:00Z' })), OPTS);
      expect(text(infoOf(xml), 'expires')).toBe('2026-03-05T00:00:00-00:00');
    });

    it('then the event end', () => {
      expect(text(infoOf(renderCap(versionOf(alertInput()), OPTS)), 'expires')).toBe('2026-03-03T02:00:00-00:00');
    });

    it('then 30 days after publication for an alert', () => {
      const v = versionOf(alertInput({ eventStart: undefined, eventEnd: undefined }), { publishedAt: PUBLISHED });
      expect(text(infoOf(renderCap(v, OPTS)), 'expires')).toBe('2026-03-31T09:30:00-00:00');
    });

    it('and one year after publication for an advisory', () => {
      const v = versionOf(advisoryInput(), { publishedAt: PUBLISHED });
      expect(text(infoOf(renderCap(v, OPTS)), 'expires')).toBe('2027-03-01T09:30:00-00:00');
    });
  });

  describe('urgency, severity and certainty', () => {
    it('follow the advisory level, as docs/cap-mapping.md says', async () => {
      for (const level of [1, 2, 3, 4] as const) {
        const xml = renderCap(versionOf(advisoryInput({ level })), OPTS);
        expect(await capErrors(xml)).toEqual([]);
        const info = infoOf(xml);
        expect([text(info, 'urgency'), text(info, 'severity'), text(info, 'certainty')]).toEqual([
          ADVISORY_ASSESSMENT[level].urgency,
          ADVISORY_ASSESSMENT[level].severity,
          ADVISORY_ASSESSMENT[level].certainty,
        ]);
        expect(text(info, 'event')).toBe(`Travel Advisory Level ${level}`);
        expect(text(info, 'headline')).toBe(`Kenya – Level ${level}: ${ADVISORY_LEVELS[level]}`);
        expect(text(info, 'instruction')).toBe(`${ADVISORY_LEVELS[level]}.`);
      }
      const info = infoOf(renderCap(versionOf(advisoryInput({ level: 4 })), OPTS));
      expect([text(info, 'urgency'), text(info, 'severity'), text(info, 'certainty')]).toEqual(['Immediate', 'Extreme', 'Likely']);
    });

    it('follow the alert type for severity and the event window for urgency and certainty', () => {
      const sent = '2026-03-01T12:00:00Z';
      const cases: [Record<string, unknown>, string, string][] = [
        [{ eventStart: undefined, eventEnd: undefined }, 'Immediate', 'Observed'],
        [{ eventStart: '2026-03-01T11:00:00Z', eventEnd: '2026-03-01T18:00:00Z' }, 'Immediate', 'Observed'],
        [{ eventStart: '2026-03-01T12:45:00Z', eventEnd: '2026-03-01T18:00:00Z' }, 'Expected', 'Likely'],
        [{ eventStart: '2026-03-03T12:00:00Z', eventEnd: undefined }, 'Future', 'Likely'],
        [{ eventStart: '2026-02-27T12:00:00Z', eventEnd: '2026-02-28T12:00:00Z' }, 'Past', 'Observed'],
      ];
      for (const [window, urgency, certainty] of cases) {
        const info = infoOf(renderCap(versionOf(alertInput({ ...window, alertType: 'terrorism' }), { publishedAt: sent }), OPTS));
        expect([text(info, 'urgency'), text(info, 'severity'), text(info, 'certainty')], JSON.stringify(window)).toEqual([urgency, 'Severe', certainty]);
      }
    });

    it('are never Unknown, and the event stays under 35 characters, for every alert type and level', async () => {
      const docs: string[] = [];
      for (const alertType of [...AlertTypeSchema.options, undefined]) {
        docs.push(renderCap(versionOf(alertInput({ alertType })), OPTS));
        expect(ALERT_SEVERITY[alertType ?? 'unspecified']).not.toBe('Unknown');
      }
      for (const level of [1, 2, 3, 4]) docs.push(renderCap(versionOf(advisoryInput({ level })), OPTS));
      for (const xml of docs) {
        expect(await capErrors(xml)).toEqual([]);
        const info = infoOf(xml);
        for (const field of ['urgency', 'severity', 'certainty']) expect(text(info, field)).not.toBe('Unknown');
        expect((text(info, 'event') ?? '').length).toBeLessThan(35);
      }
    });

    it("use the publisher's urgency and severity where set, keeping the derived certainty", () => {
      const advisory = infoOf(renderCap(versionOf(advisoryInput({ level: 2, severity: 'Extreme' })), OPTS));
      expect([text(advisory, 'urgency'), text(advisory, 'severity'), text(advisory, 'certainty')]).toEqual(['Future', 'Extreme', 'Possible']);
      const derived = infoOf(renderCap(versionOf(alertInput({ alertType: 'transport' })), OPTS));
      const alert = infoOf(renderCap(versionOf(alertInput({ alertType: 'transport', urgency: 'Expected', severity: 'Unknown' })), OPTS));
      expect([text(alert, 'urgency'), text(alert, 'severity'), text(alert, 'certainty')]).toEqual(['Expected', 'Unknown', text(derived, 'certainty')]);
    });

    it('adds a second category where the alert type has an obvious one', () => {
      const categories = (alertType: string) => childElements(infoOf(renderCap(versionOf(alertInput({ alertType })), OPTS)), CAP_NS, 'category').map((c) => c.textContent);
      expect(categories('health')).toEqual(['Security', 'Health']);
      expect(categories('weather')).toEqual(['Security', 'Met']);
      expect(categories('crime')).toEqual(['Security']);
    });
  });

  it('marks anything above TLP:CLEAR as Restricted, with the rule in words', async () => {
    const xml = renderCap(versionOf(alertInput({ sharing: 'TLP:GREEN' })), OPTS);
    expect(await capErrors(xml)).toEqual([]);
    expect(text(alertOf(xml), 'scope')).toBe('Restricted');
    expect(text(alertOf(xml), 'restriction')).toMatch(/^TLP:GREEN/);
  });

  it('stays schema-valid with Unicode, XML metacharacters and injected markup', async () => {
    const v = versionOf(alertInput({ ...HOSTILE, places: ['<Zócalo> & "Reforma"'], actions: ['Stay <inside> & wait'] }), { version: 2, changeNote: 'Note with <b> & ]]>' });
    const xml = renderCap(v, { ...OPTS, senderName: 'Bureau & "Co" <x>', previous: [capReference(versionOf(alertInput(), { id: v.id }))] });
    expect(await capErrors(xml)).toEqual([]);
    const info = infoOf(xml);
    expect(text(info, 'headline')).toBe(HOSTILE.title);
    expect(text(info, 'senderName')).toBe('Bureau & "Co" <x>');
    expect(text(info, 'instruction')).toBe('- Stay <inside> & wait');
  });

  it('writes text that looks like entity references literally, as libxml2 reads it back', async () => {
    const xml = renderCap(versionOf(alertInput({ title: ENTITY_LOOKALIKES, summary: ENTITY_LOOKALIKES })), OPTS);
    expect(await capErrors(xml)).toEqual([]);
    expect(await xpathString(xml, 'string(//*[local-name()="headline"])')).toBe(ENTITY_LOOKALIKES);
    expect((await xpathString(xml, 'string(//*[local-name()="description"])')).startsWith(`${ENTITY_LOOKALIKES}\n\n`)).toBe(true);
  });

  it('truncates a long headline to 140 characters', () => {
    const xml = renderCap(versionOf(alertInput({ title: 'é'.repeat(200) })), OPTS);
    const headline = text(infoOf(xml), 'headline') ?? '';
    expect([...headline]).toHaveLength(140);
    expect(headline.endsWith('…')).toBe(true);
  });
});

describe('renderCapIndex', () => {
  const meta: FeedMeta = {
    id: `${BASE_URL}/feeds/alerts.cap`,
    title: 'Outpost CAP alerts',
    description: 'Security alerts and travel advisories as CAP 1.2',
    selfUrl: `${BASE_URL}/feeds/alerts.cap`,
    siteUrl: `${BASE_URL}/`,
    updated: PUBLISHED,
  };

  it('is valid Atom whose entries link to /cap/{id}.xml as application/cap+xml', async () => {
    const versions = [versionOf(alertInput()), versionOf(advisoryInput()), versionOf(alertInput(HOSTILE), { version: 2, changeNote: 'x' })];
    const xml = renderCapIndex(meta, versions.map((v) => buildFeedEntry(v, { baseUrl: BASE_URL })));
    expect(await atomErrors(xml)).toEqual([]);
    const entries = childElements(parseXml(xml).documentElement, ATOM_NS, 'entry');
    expect(entries).toHaveLength(3);
    entries.forEach((entry, i) => {
      const links = childElements(entry, ATOM_NS, 'link').map((l) => [l.getAttribute('rel'), l.getAttribute('type'), l.getAttribute('href')]);
      expect(links).toEqual([
        ['alternate', 'application/cap+xml', `${BASE_URL}/cap/${versions[i]?.id}.xml`],
        ['related', 'text/html', `${BASE_URL}/publications/${versions[i]?.id}`],
      ]);
    });
  });

  it('refuses entries of kinds without a CAP document', () => {
    expect(() => renderCapIndex(meta, [buildFeedEntry(versionOf(anniversaryInput()), { baseUrl: BASE_URL })])).toThrow(/no CAP document/);
  });
});

describe('docs/cap-mapping.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/cap-mapping.md', import.meta.url)), 'utf8');
  const rows = doc
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/`/g, '')),
    );

  it('states the same advisory mapping as the code', () => {
    for (const level of [1, 2, 3, 4] as const) {
      const a = ADVISORY_ASSESSMENT[level];
      expect(rows).toContainEqual([`Level ${level}: ${ADVISORY_LEVELS[level]}`, a.urgency, a.severity, a.certainty]);
    }
  });

  it('states the same alert severities as the code', () => {
    for (const [type, severity] of Object.entries(ALERT_SEVERITY)) {
      expect(rows.some((r) => r[0] === type && r[1] === severity), type).toBe(true);
    }
  });
});
