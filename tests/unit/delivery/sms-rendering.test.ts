import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Version } from '../../../shared/domain/publication';
import { newUnsubscribeCode } from '../../../shared/services/create-subscription';
import { renderSms, smsSegments } from '../../../shared/services/render-sms';
import { smsUnsubscribeLink } from '../../../shared/services/subscription-links';
import { UnsubscribeCodeSchema } from '../../../shared/domain/subscription';
import { assertProperty } from '../../support/property';

const ID = '01JDQ3Z6V1R5XKQ0B2M4N6P8RS';

function alert(title: string, summary: string): Version {
  return {
    id: ID, version: 1, regions: ['AF'], orgId: 'ORG', changeNote: '', major: true, publishedAt: '2030-01-01T00:00:00Z', publishedBy: 'p',
    content: { kind: 'security-alert', title, countries: ['KE'], summary, body: 'b', sharing: 'TLP:CLEAR', actions: ['a'] },
  };
}

const bases = ['http://127.0.0.1:3000', 'https://outpost.example.gov'];
const code = 'a1b2c3d4e5';

describe('SMS alerts', () => {
  it('carry the page link, the short unsubscribe link and the STOP notice when they fit', () => {
    const text = renderSms(alert('Demonstrations in Nairobi', 'Avoid the CBD on Friday.'), bases[0]!, `${bases[0]}/u/${code}`);
    expect(text).toBe(`Outpost: Demonstrations in Nairobi. Avoid the CBD on Friday. ${bases[0]}/publications/${ID} Unsubscribe: ${bases[0]}/u/${code} Reply STOP to opt out`);
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });

  it('shorten a long summary and title but keep both links, within two segments', () => {
    const unsubscribe = `${bases[1]}/u/${code}`;
    const text = renderSms(alert('Curfew '.repeat(60), 'Protests are expected near the Plaza de Armas all week; '.repeat(20)), bases[1]!, unsubscribe);
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
    expect(text).toContain(`${bases[1]}/publications/${ID}`);
    expect(text).toContain(`Unsubscribe: ${unsubscribe}`);
  });

  it('fold accents GSM-7 lacks instead of switching to UCS-2', () => {
    const text = renderSms(alert('Manifestations à Abidjan, Côte d’Ivoire', 'Évitez le Plateau.'), bases[0]!, `${bases[0]}/u/${code}`);
    expect(smsSegments(text).encoding).toBe('GSM-7');
    expect(text).toContain("Cote d'Ivoire");
  });

  it('stay within two UCS-2 segments with a short title GSM-7 cannot carry, keeping both links', () => {
    const unsubscribe = `${bases[0]}/u/${code}`;
    const text = renderSms(alert('Протесты', 'Ожидаются демонстрации всю неделю. '.repeat(8)), bases[0]!, unsubscribe);
    expect(smsSegments(text)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(text).toContain('Протесты');
    expect(text).toContain(`${bases[0]}/publications/${ID}`);
    expect(text).toContain(unsubscribe);
  });

  it('fall back to the kind and countries in GSM-7 when a UCS-2 title would not fit beside the links', () => {
    for (const base of bases) {
      const unsubscribe = `${base}/u/${code}`;
      const text = renderSms(alert('Протесты в центре города; избегайте площади', 'Ожидаются демонстрации всю неделю. '.repeat(8)), base, unsubscribe);
      expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7' });
      expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
      expect(text).toContain('Security Alert: Kenya');
      expect(text).toContain(`${base}/publications/${ID}`);
      expect(text).toContain(unsubscribe);
    }
  });

  it('never exceed two segments and always keep both links, whatever the title and summary (property)', () => {
    const text = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('漢字テキスト'.repeat(30), '🚨'.repeat(50), 'Ş'.repeat(200)));
    assertProperty(
      fc.property(text, text, fc.constantFrom(...bases), (title, summary, base) => {
        const unsubscribe = `${base}/u/${code}`;
        const sms = renderSms(alert(title.trim() || 't', summary), base, unsubscribe);
        expect(smsSegments(sms).segments).toBeLessThanOrEqual(2);
        expect(sms).toContain(`${base}/publications/${ID}`);
        expect(sms).toContain(unsubscribe);
      }),
      { numRuns: 300 },
    );
  });

  it('unsubscribe codes are 10 Crockford base32 characters and the link is short', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newUnsubscribeCode()));
    expect(codes.size).toBe(1000);
    for (const c of codes) expect(UnsubscribeCodeSchema.safeParse(c).success).toBe(true);
    expect(smsUnsubscribeLink({ baseUrl: 'https://outpost.example.gov/' }, { unsubscribeCode: code })).toBe(`https://outpost.example.gov/u/${code}`);
    expect(smsUnsubscribeLink({ baseUrl: bases[0]! }, {})).toBeUndefined();
  });
});
