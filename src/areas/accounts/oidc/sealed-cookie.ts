import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Small encrypted, authenticated values for short-lived cookies (AES-256-GCM). The key is derived
 * from the session secret and the purpose, so a value sealed for one cookie cannot be replayed in
 * another; the expiry is inside the sealed payload. Nothing is stored server-side.
 */
export class Sealer {
  private readonly key: Buffer;
  constructor(
    secret: string,
    private readonly purpose: string,
  ) {
    this.key = createHmac('sha256', secret).update(`fabriques-sealed-cookie:${purpose}`).digest();
  }

  seal(value: unknown, now: Date, ttlSeconds: number): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(this.purpose));
    const plain = Buffer.from(JSON.stringify({ v: value, exp: now.getTime() + ttlSeconds * 1000 }));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The value, or null when absent, forged, sealed for another purpose or expired. */
  open<T>(sealed: string | undefined, now: Date): T | null {
    if (!sealed || sealed.length > 4000) return null;
    try {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(this.purpose));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      const { v, exp } = JSON.parse(plain.toString('utf8')) as { v: T; exp: number };
      return typeof exp === 'number' && exp > now.getTime() ? v : null;
    } catch {
      return null;
    }
  }
}
