import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiFileName, cleanFileName, contentDisposition, detectType, documentProblems } from './documents.ts';
import { MAX_DOCUMENT_BYTES } from './vocabulary.ts';

const pdf = new Uint8Array([...Buffer.from('%PDF-1.7\n'), 1, 2, 3]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]);

describe('proof documents', () => {
  it('reads the type from the magic bytes only', () => {
    expect(detectType(pdf)).toBe('application/pdf');
    expect(detectType(png)).toBe('image/png');
    expect(detectType(jpeg)).toBe('image/jpeg');
    expect(detectType(new Uint8Array(Buffer.from('<svg onload=alert(1)>')))).toBeNull();
    expect(detectType(new Uint8Array([0x25, 0x50]))).toBeNull();
  });
  it('refuses an empty, unknown, mislabelled or oversized file, and a criterion a document cannot prove', () => {
    expect(documentProblems('rqth', new Uint8Array(), 'application/pdf').fields.file).toBe('Le fichier est vide.');
    expect(documentProblems('rqth', new Uint8Array([1, 2, 3]), undefined).fields.file).toMatch(/PDF, PNG et JPEG/);
    expect(documentProblems('rqth', png, 'application/pdf').fields.file).toMatch(/PNG.*ne correspond pas/);
    expect(documentProblems('rqth', png, 'application/octet-stream').fields).toEqual({});
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(pdf);
    expect(documentProblems('rqth', big, 'application/pdf').fields.file).toMatch(/5 Mo/);
    expect(documentProblems('woman', pdf, 'application/pdf').fields.criterion).toMatch(/notification de la MDPH/);
  });
  it('keeps a clean file name and always sends an attachment header that cannot be broken', () => {
    expect(cleanFileName('C:\\Users\\x\\attestation "FT".pdf', 'application/pdf', 'job_seeker')).toBe('attestation FT.pdf');
    expect(cleanFileName('', 'image/jpeg', 'qpv_or_zrr')).toBe('justificatif-qpv-or-zrr.jpg');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const clean = cleanFileName(name, 'application/pdf', 'rqth');
        expect(clean.length).toBeGreaterThan(0);
        expect(clean).not.toMatch(/[\u0000-\u001f"\\/]/);
        const header = contentDisposition(clean);
        expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
        expect(asciiFileName(clean)).not.toMatch(/["\\]/);
      }),
    );
  });
});
