/** A calendar date for people, from an ISO instant: "2026-05-04". */
function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

/** An instant for people, in UTC so every reader sees the same text: "2026-05-04 14:00 UTC". */
function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A `<time>` element carrying the machine-readable instant. */
export function Time({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  return <time datetime={iso}>{withTime ? formatInstant(iso) : formatDate(iso)}</time>;
}

/** "From … to …", "From …", or "Until …" for an event window; null when there is none. */
export function EventWindow({ start, end }: { start?: string | undefined; end?: string | undefined }) {
  if (start && end)
    return (
      <>
        <Time iso={start} withTime /> to <Time iso={end} withTime />
      </>
    );
  if (start)
    return (
      <>
        From <Time iso={start} withTime />
      </>
    );
  if (end)
    return (
      <>
        Until <Time iso={end} withTime />
      </>
    );
  return null;
}
