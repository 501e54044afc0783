/** Files of proposals and grant evidence: PDF only, read from the bytes, size-limited. Pure. */
import { MAX_ATTACHMENT_BYTES } from '../../../db/schema/calls.ts';

export { MAX_ATTACHMENT_BYTES };
export const MAX_FILES_PER_OBJECT = 20;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= PDF_MAGIC.length && PDF_MAGIC.every((b, i) => bytes[i] === b);
}

/** French message of what is wrong with an uploaded file, or null. The declared type is never trusted. */
export function pdfProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'Le fichier est vide.';
  if (bytes.length > MAX_ATTACHMENT_BYTES) return `Le fichier dépasse ${MAX_ATTACHMENT_BYTES / 1024 / 1024} Mo : réduisez-le puis réessayez.`;
  if (!isPdf(bytes)) return 'Seuls les fichiers PDF sont acceptés (le contenu de ce fichier n’est pas un PDF).';
  return null;
}

/** A file name safe to store and to send back: no path, no control characters, 100 characters at most, ending in .pdf. */
export function cleanPdfName(name: string | undefined, fallback: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 100);
  const chosen = base || fallback;
  return /\.pdf$/i.test(chosen) ? chosen : `${chosen.slice(0, 96)}.pdf`;
}

export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
