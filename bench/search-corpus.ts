/**
 * Generated publications for the search bench: English-like text whose
 * word frequencies follow Zipf's law (a few hundred real words of the
 * domain, then a long tail of made-up names), place names with accents,
 * every kind, countries of every region, the three sharing levels (AMBER
 * shared with a few of 50 organizations) and ten years of dates. Seeded:
 * the same seed makes the same corpus and the same queries.
 */
import { countryName } from '../shared/domain/country';
import type { SearchDocument } from '../shared/domain/search-document';
import { KindSchema } from '../shared/domain/publication-kind';
import { regionsOf } from '../shared/domain/country';

const DOMAIN_WORDS = `security alert embassy consulate travel advisory demonstration protest protesters curfew roadblock airport border crossing
police military checkpoint kidnapping kidnappings robbery carjacking burglary theft pickpocketing assault shooting explosion bombing
terrorism terrorist attack attacks militant militants armed group groups violence violent unrest strike strikes election elections
flooding floods flood earthquake earthquakes landslide landslides hurricane storm cyclone wildfire volcano eruption drought heat
health outbreak cholera dengue malaria measles vaccination hospital clinic medical evacuation shelter emergency services contact
avoid area areas downtown district province region city town village road roads highway bridge port station market hotel hotels
night daytime weekend routes transport bus buses train trains taxi taxis flights airline closure closures closed reopened delays
government opposition parliament president minister ministry authorities officials local national international citizens visitors
residents travelers traveler tourists business staff employees members organization organizations companies company offices
monitor media news reports reported reporting warning warnings increased caution reconsider exercise normal precautions level
crime criminal criminals gang gangs cartel cartels drug trafficking smuggling extortion fraud scam scams cyber fuel shortage shortages
water electricity power outage outages internet phone communications curfews restrictions lockdown quarantine permit permits visa
visas passport passports detention detained arrest arrested arrests wrongful hostage hostages ransom threat threats targeted targets
crowd crowds gathering gatherings rally rallies march marches vigil anniversary commemoration religious holiday festival celebration`
  .split(/\s+/)
  .filter(Boolean);

const STOP = 'the of and to in a is that for on with as was by at from are be this will may have been near after during'.split(' ');

const PLACES = ['Bogotá', 'Medellín', 'Quibdó', 'São Paulo', 'Brasília', 'Ciudad Juárez', 'Mazatlán', 'Port-au-Prince', 'Zürich', 'Kraków', 'Istanbul', 'Nairobi', 'Mombasa', 'Lagos', 'Abuja', 'Kinshasa', 'Goma', 'Bamako', 'Niamey', 'Ouagadougou', 'Karachi', 'Peshawar', 'Kabul', 'Dhaka', 'Yangon', 'Manila', 'Jakarta', 'Beirut', 'Baghdad', 'Erbil', 'Sanaa', 'Tripoli', 'Caracas', 'Maracaibo', 'Tegucigalpa', 'San Pedro Sula', 'Guatemala City', 'Tijuana', 'Culiacán', 'Acapulco'];

const COUNTRIES = ['CO', 'MX', 'BR', 'HT', 'CH', 'PL', 'TR', 'KE', 'NG', 'CD', 'ML', 'NE', 'BF', 'PK', 'AF', 'BD', 'MM', 'PH', 'ID', 'LB', 'IQ', 'YE', 'LY', 'VE', 'HN', 'GT', 'FR', 'DE', 'JP', 'IN', 'EG', 'ZA'];

const SYLLABLES = ['ka', 'ro', 'ben', 'tal', 'mis', 'dor', 'vel', 'an', 'quo', 'ter', 'sil', 'ma', 'nor', 'pe', 'zu', 'lin', 'gar', 'ost', 'ri', 'ven', 'ha', 'bu', 'sek', 'mo', 'ti', 'ral', 'fen', 'dra'];

/** Organizations: ten that publish, fifty that receive AMBER items. */
export const PUBLISHING_ORGS = Array.from({ length: 10 }, (_, i) => `01PUB${String(i).padStart(21, '0')}`);
export const MEMBER_ORGS = Array.from({ length: 50 }, (_, i) => `01MEM${String(i).padStart(21, '0')}`);

/** mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The vocabulary, most frequent first, and a Zipf sampler over it. */
export class Vocabulary {
  readonly words: string[];
  private readonly cdf: Float64Array;

  constructor(private readonly random: () => number, tail = 20_000) {
    const made = new Set<string>();
    while (made.size < tail) {
      const n = 2 + Math.floor(random() * 3);
      let word = '';
      for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      made.add(word);
    }
    this.words = [...DOMAIN_WORDS, ...made];
    this.cdf = new Float64Array(this.words.length);
    let sum = 0;
    for (let i = 0; i < this.words.length; i++) {
      sum += 1 / (i + 1);
      this.cdf[i] = sum;
    }
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i]! /= sum;
  }

  /** A word by Zipf frequency. */
  word(): string {
    const u = this.random();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }

  /** A word of a rank band, e.g. [20, 200) for common ones. */
  ranked(from: number, to: number): string {
    return this.words[from + Math.floor(this.random() * (to - from))]!;
  }

  sentence(words: number): string {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.random() < 0.35 ? STOP[Math.floor(this.random() * STOP.length)]! : this.word());
    const text = out.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** `n` publications as search holds them. */
export function corpus(n: number, seed: number): { docs: SearchDocument[]; vocabulary: Vocabulary; random: () => number } {
  const random = seeded(seed);
  const vocabulary = new Vocabulary(random);
  const kinds = KindSchema.options;
  const docs: SearchDocument[] = [];
  for (let i = 0; i < n; i++) {
    const countries = [pick(random, COUNTRIES), ...(random() < 0.1 ? [pick(random, COUNTRIES)] : [])].filter((c, j, all) => all.indexOf(c) === j);
    const r = random();
    const sharing = r < 0.8 ? 'TLP:CLEAR' : r < 0.95 ? 'TLP:GREEN' : 'TLP:AMBER';
    const kind = pick(random, kinds);
    const place = pick(random, PLACES);
    const sentences = (count: number) => Array.from({ length: count }, () => vocabulary.sentence(8 + Math.floor(random() * 14))).join(' ');
    const year = 2016 + Math.floor(random() * 11);
    const s = random();
    docs.push({
      id: `01BENCH${String(i).padStart(19, '0')}`,
      rev: 1,
      version: 1,
      kind,
      title: `${vocabulary.sentence(4 + Math.floor(random() * 4)).slice(0, -1)} in ${place}`,
      countries,
      regions: regionsOf(countries),
      publishedAt: new Date(Date.UTC(year, Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24))).toISOString(),
      ...(kind === 'travel-advisory' ? { level: 1 + Math.floor(random() * 4) } : {}),
      sharing,
      orgId: pick(random, PUBLISHING_ORGS),
      recipients: sharing === 'TLP:AMBER' ? [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, MEMBER_ORGS)))] : [],
      status: s < 0.9 ? 'published' : s < 0.97 ? 'archived' : 'expired',
      places: countries.map(countryName).join(' '),
      text: `${sentences(2)} ${place}. ${sentences(10 + Math.floor(random() * 20))}`,
    });
  }
  return { docs, vocabulary, random };
}

export const BENCH_PLACES = PLACES;
