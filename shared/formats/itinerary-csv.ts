import { parse } from 'csv-parse/sync';

/** The columns an itinerary CSV must have (in any order), one trip segment per line. */
const ITINERARY_CSV_COLUMNS = ['email', 'name', 'country', 'city', 'from', 'to'] as const;
type Column = (typeof ITINERARY_CSV_COLUMNS)[number];

/** One data line: its number in the file (the header is line 1) and its fields by column, or why it could not be read. */
export type CsvLine = { line: number; fields: Record<Column, string> } | { line: number; error: string };

/**
 * Reads an itinerary CSV (`email,name,country,city,from,to`, RFC 4180
 * quoting). Each physical line is parsed on its own, so one broken line
 * (an unclosed quote, a missing field) is reported with its number and
 * never stops the lines after it; a field cannot span lines.
 *
 * @returns the header problem, if any (then no line is read), and each
 * non-empty data line.
 */
export function readItineraryCsv(text: string): { headerError?: string; lines: CsvLine[] } {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerFields = parseLine(physical[0] ?? '');
  if (!Array.isArray(headerFields)) return { headerError: `line 1: ${headerFields.error}`, lines: [] };
  const header = headerFields.map((h) => h.toLowerCase());
  const missing = ITINERARY_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { headerError: `the header must name the columns ${ITINERARY_CSV_COLUMNS.join(',')}; missing ${missing.join(', ')}`, lines: [] };
  const lines: CsvLine[] = [];
  physical.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const fields = parseLine(raw);
    if (!Array.isArray(fields)) {
      lines.push({ line, error: fields.error });
      return;
    }
    if (fields.length !== header.length) {
      lines.push({ line, error: `has ${fields.length} fields; the header has ${header.length}` });
      return;
    }
    const byColumn = Object.fromEntries(ITINERARY_CSV_COLUMNS.map((c) => [c, fields[header.indexOf(c)] ?? ''])) as Record<Column, string>;
    lines.push({ line, fields: byColumn });
  });
  return { lines };
}

function parseLine(raw: string): string[] | { error: string } {
  try {
    const rows = parse(raw, { trim: true, relax_column_count: true }) as string[][];
    return rows[0] ?? [];
  } catch (error) {
    // csv-parse's messages name the problem ("Quote Not Closed", "Invalid Opening Quote"); its line numbers are of this one line, so drop them.
    const message = error instanceof Error ? error.message.replace(/\s*at line \d+.*$/i, '').replace(/:.*$/, '') : 'could not be read';
    return { error: `could not be read as CSV (${message})` };
  }
}
