/** Proof documents: the type is read from the first bytes, never trusted from the name or the header. Pure. */
import { DOCUMENT_CRITERIA, DOCUMENT_HINTS, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, type Criterion, type DocumentType } from './vocabulary.ts';

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

const startsWith = (bytes: Uint8Array, magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** PDF, PNG or JPEG from the magic bytes, or null. */
export function detectType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}

export const EXTENSIONS: Record<DocumentType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** A file name safe to store and to send back: no path, no control characters, 100 characters at most. */
export function cleanFileName(name: string | undefined, type: DocumentType, criterion: Criterion): string {
  const last = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // control characters, characters forbidden in file names, and unpaired surrogates
    .replace(/[\u0000-\u001f\u007f"<>|:*?]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
  const base = Array.from(last).slice(0, 100).join('').trim();
  return base || `justificatif-${criterion.replace(/_/g, '-')}.${EXTENSIONS[type]}`;
}

/** ASCII fallback of a file name for the Content-Disposition header (RFC 6266 filename=). */
export function asciiFileName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Field errors of an upload (criterion, size, type), keyed by `criterion` and `file`. */
export function documentProblems(criterion: string, bytes: Uint8Array, declaredType: string | undefined): { fields: Record<string, string>; type: DocumentType | null } {
  const fields: Record<string, string> = {};
  if (!(DOCUMENT_CRITERIA as readonly string[]).includes(criterion)) {
    fields.criterion = `Un justificatif se dépose pour l’un de ces critères : ${DOCUMENT_CRITERIA.map((c) => `${c} (${DOCUMENT_HINTS[c]})`).join(', ')}.`;
  }
  if (bytes.length === 0) {
    fields.file = 'Le fichier est vide.';
    return { fields, type: null };
  }
  if (bytes.length > MAX_DOCUMENT_BYTES) fields.file = 'Le fichier dépasse 5 Mo : réduisez-le (scan en 150 dpi, photo compressée) puis réessayez.';
  const type = detectType(bytes);
  if (!type) fields.file = 'Seuls les fichiers PDF, PNG et JPEG sont acceptés.';
  else if (declaredType && declaredType !== 'application/octet-stream' && (DOCUMENT_TYPES as readonly string[]).includes(declaredType) && declaredType !== type) {
    fields.file = `Le contenu du fichier (${EXTENSIONS[type].toUpperCase()}) ne correspond pas à son type annoncé.`;
  }
  return { fields, type };
}
