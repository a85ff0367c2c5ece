// Photos and screenshots are re-encoded in the browser before they are encrypted: drawing the
// decoded pixels onto a canvas and saving a new JPEG drops EXIF (GPS position, device, time) and
// any other metadata, and scaling down keeps uploads small on a school's shared connection. The
// original file name is dropped too: it often carries a date and time.
const MAX_SIDE = 1600;

export interface PreparedPhoto {
  /** Chosen now: the report or message lists it before it is uploaded [Note: attachment
   * binding]. */
  id: string;
  name: string;
  type: string;
  bytes: Uint8Array;
  previewUrl: string;
}

export async function reencodeImage(file: Blob, index: number): Promise<PreparedPhoto> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', 0.85),
  );
  return {
    id: crypto.randomUUID(),
    name: `zdjecie-${index + 1}.jpg`,
    type: 'image/jpeg',
    bytes: new Uint8Array(await blob.arrayBuffer()),
    previewUrl: URL.createObjectURL(blob),
  };
}
