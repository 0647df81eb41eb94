import type { ComposeWarning } from '../../shared/services/check-advisory-conflicts';

/** Warnings about what is being composed (never errors: saving still works), each with the link to act on it. */
export function Warnings({ warnings }: { warnings: readonly ComposeWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <div class="warning" role="note" aria-label="Warnings">
      {warnings.map((w) => (
        <p data-warning={w.code}>
          <strong>Warning: </strong>
          {w.message}
          {w.link ? (
            <>
              {' '}
              <a href={w.link.href}>{w.link.text}</a>
            </>
          ) : null}
        </p>
      ))}
    </div>
  );
}
