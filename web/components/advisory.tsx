import { levelMeaning, levelName, type AdvisoryLevel } from '../../shared/domain/advisory-level';
import { indicatorName, type RiskIndicator } from '../../shared/domain/risk-indicator';

/**
 * The level in words as well as colour, e.g. "Level 2: Exercise Increased
 * Caution", linked to what the levels mean, with this level's meaning beside it.
 */
export function LevelBadge({ level }: { level: AdvisoryLevel }) {
  return (
    <span class="level-line">
      <a class={`level level-${level}`} href={`/levels#level-${level}`}>{`Level ${level}: ${levelName(level)}`}</a>{' '}
      <span class="level-meaning">{levelMeaning(level)}</span>
    </span>
  );
}

/** Risk indicators as labelled text badges: the letter and its meaning. */
export function IndicatorBadges({ indicators }: { indicators: readonly RiskIndicator[] }) {
  if (indicators.length === 0) return <p>No specific risk indicators.</p>;
  return (
    <ul class="badges" aria-label="Risk indicators">
      {indicators.map((i) => (
        <li class="badge">
          <abbr title={indicatorName(i)}>{i}</abbr> {indicatorName(i)}
        </li>
      ))}
    </ul>
  );
}

/** The four levels with their plain-language names and map colours. */
export function LevelLegend() {
  const levels: AdvisoryLevel[] = [1, 2, 3, 4];
  return (
    <ul class="legend" aria-label="Map legend">
      {levels.map((l) => (
        <li>
          <span class={`swatch lvl-${l}`} aria-hidden="true"></span>
          {`Level ${l}: ${levelName(l)}`}
        </li>
      ))}
      <li>
        <span class="swatch lvl-none" aria-hidden="true"></span>
        No advisory
      </li>
      <li>
        <a href="/levels">What the levels mean</a>
      </li>
    </ul>
  );
}
