import { z } from 'zod';

export const errorSchema = z.object({ error: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() });
export const messageSchema = z.object({ message: z.string() });

export const personalDataExport = z.object({
  format: z.string(),
  exportedAt: z.string(),
  personId: z.string(),
  notice: z.string(),
  sections: z.record(
    z.string(),
    z.object({ label: z.string(), erasure: z.enum(['supprimé', 'anonymisé', 'conservé']), rows: z.array(z.record(z.string(), z.unknown())) }),
  ),
  professionalActs: z.array(z.object({ table: z.string(), column: z.string(), rows: z.number(), what: z.string() })),
});

export const erasureBody = z.object({
  /** asked again for an account with a password */
  password: z.string().max(200, 'Le mot de passe ne peut pas dépasser 200 caractères.').optional(),
  confirm: z.literal(true, 'Cochez la case pour confirmer la suppression de votre compte.'),
});
