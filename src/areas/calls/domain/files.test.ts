import { describe, expect, it } from 'vitest';
import { cleanPdfName, contentDisposition, pdfProblem } from './files.ts';

describe('PDF uploads', () => {
  it('reads the type from the bytes, never from the name', () => {
    expect(pdfProblem(Buffer.from('%PDF-1.7\n…'))).toBeNull();
    expect(pdfProblem(Buffer.from('\x89PNG\r\n\x1a\n'))).toMatch(/PDF/);
    expect(pdfProblem(Buffer.alloc(0))).toMatch(/vide/);
    expect(pdfProblem(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]))).toMatch(/10 Mo/);
  });
  it('cleans names and quotes them safely', () => {
    expect(cleanPdfName('../../etc/passwd', 'budget.pdf')).toBe('passwd.pdf');
    expect(cleanPdfName('', 'budget.pdf')).toBe('budget.pdf');
    expect(cleanPdfName('Budget "2026".PDF', 'x')).toBe('Budget 2026.PDF');
    expect(contentDisposition('Budget prévisionnel.pdf')).toBe(`attachment; filename="Budget previsionnel.pdf"; filename*=UTF-8''Budget%20pr%C3%A9visionnel.pdf`);
  });
});
