// CSV as spreadsheets read it (RFC 4180: comma-separated, CRLF line ends, quotes doubled), for the
// server's statistics export and the staff app's readable one alike.

export type CsvCell = string | number | null;

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  let text = String(cell);
  // A school name starting with = + - @ would run as a formula in a spreadsheet; '<5' is text.
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Lines of cells as one CSV text, ending with CRLF. */
export function csvText(lines: CsvCell[][]): string {
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
