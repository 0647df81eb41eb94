import { levelMeaning, levelName, type AdvisoryLevel } from '../../shared/domain/advisory-level';
import { indicatorName, type RiskIndicator } from '../../shared/domain/risk-indicator';
import { Layout } from '../components/layout';

const LEVELS: readonly AdvisoryLevel[] = [1, 2, 3, 4];

/** What to do at each level, beyond its one-line meaning. */
const ADVICE: Readonly<Record<AdvisoryLevel, string>> = {
  1: 'Follow local laws and customs, keep your documents safe and know how to reach help.',
  2: 'Read the advisory for the risks named, take extra care in the places it lists and review your plans if they change.',
  3: 'Think again about whether you need to go. If you do, have a plan to leave, stay in touch with your organization and subscribe to alerts.',
  4: 'Do not travel. If you are there, consider leaving as soon as it is safe to do so. Help from outside may be very limited.',
};

/** What each risk indicator stands for. */
const INDICATORS: Readonly<Record<RiskIndicator, string>> = {
  C: 'Violent or organized crime, such as armed robbery or assault, is common.',
  T: 'Terrorist attacks have happened or are likely.',
  U: 'Political, economic, religious or ethnic unrest may bring violence or major disruption.',
  H: 'A health risk, such as an outbreak, or health services that may not cope.',
  N: 'A natural disaster, or its aftermath, is a risk.',
  E: 'A short-term event, such as an election or a large sporting event, brings risks.',
  K: 'Criminal or terrorist groups kidnap people or take hostages.',
  D: 'The authorities may detain people wrongfully.',
  O: 'Other risks, described in the advisory.',
};

/**
 * `/levels`: what each travel advisory level means and what to do, and what
 * the risk indicators stand for. Every level badge links here.
 */
export function LevelsPage() {
  return (
    <Layout title="What the advisory levels mean">
      <h1>What the advisory levels mean</h1>
      <p class="lead">Every country’s travel advisory has one of four levels. The level is for the whole country; an advisory may name places where the risk is higher.</p>
      {LEVELS.map((level) => (
        <section aria-labelledby={`level-${level}`}>
          <h2 id={`level-${level}`}>
            <span class={`level level-${level}`}>{`Level ${level}: ${levelName(level)}`}</span>
          </h2>
          <p>
            <strong>{levelMeaning(level)}</strong>
          </p>
          <p>{ADVICE[level]}</p>
        </section>
      ))}
      <h2>Risk indicators</h2>
      <p>An advisory names the kinds of risk behind its level:</p>
      <dl class="facts">
        {(Object.keys(INDICATORS) as RiskIndicator[]).map((letter) => (
          <>
            <dt>{`${letter} – ${indicatorName(letter)}`}</dt>
            <dd>{INDICATORS[letter]}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href="/">See the map of current levels</a> or <a href="/countries">find a country</a>.
      </p>
    </Layout>
  );
}
