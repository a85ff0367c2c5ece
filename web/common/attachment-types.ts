// [Note: attachment types] An attachment's type and name are the uploader's words (a pupil may
// send anything through the API): shown as they are, an image/svg+xml or a text/html blob opened
// from its blob: URL would run script in the app's origin, and a name like "../plan.pdf.exe"
// misleads. Only the raster image types below are shown as images (from a blob of that type);
// everything else is offered as a download: a blob typed application/octet-stream and a clean
// name, never opened in the app.
export const SHOWN_IMAGE_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
];

/** Extensions a download keeps; any other becomes ".bin". */
const KEPT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'pdf', 'txt'];

export function isShownImage(type: string): boolean {
  return SHOWN_IMAGE_TYPES.includes(type.trim().toLowerCase());
}

/** The blob type an attachment is given: its own for a shown image, octet-stream otherwise. */
export function blobType(type: string): string {
  return isShownImage(type) ? type.trim().toLowerCase() : 'application/octet-stream';
}

/**
 * A download name from the uploader's: letters, digits, "-" and "_" of its base name (at most 60),
 * "zalacznik" when nothing is left, and its extension only when it is one of KEPT_EXTENSIONS.
 */
export function cleanDownloadName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const clean =
    stem
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'zalacznik';
  return `${clean}.${KEPT_EXTENSIONS.includes(ext) ? ext : 'bin'}`;
}
