import { createHash } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { candidateDocuments, followAgreements, sessions, trainings, wishes } from '../../../db/schema/index.ts';
import { InputError, NotFoundError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import type { CandidatesContext } from '../context.ts';
import { cleanFileName, documentProblems } from '../domain/documents.ts';
import type { Criterion, DocumentType } from '../domain/vocabulary.ts';
import { documentsOf } from './diagnosis.ts';

/**
 * The candidate uploads a proof for one criterion. The bytes are checked (type from the magic bytes,
 * 5 MB at most) before anything is written; the next diagnosis uses it as the criterion's source.
 */
export async function uploadDocument(ctx: CandidatesContext, actor: Actor, criterion: string, bytes: Buffer, declaredType: string | undefined, fileName: string | undefined) {
  const { fields, type } = documentProblems(criterion, bytes, declaredType);
  if (Object.keys(fields).length > 0 || !type) throw new InputError(fields, Object.values(fields)[0]);
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(candidateDocuments)
      .values({
        candidateUserId: actor.userId,
        criterion: criterion as Criterion,
        mediaType: type,
        byteSize: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
        fileName: cleanFileName(fileName, type, criterion as Criterion),
        uploadedBy: actor.userId,
        uploadedAt: now,
      })
      .returning({ id: candidateDocuments.id });
    await recordAudit(tx, auditActor(actor), { action: 'document.uploaded', objectType: 'candidate_document', objectId: row!.id, to: 'uploaded' });
  });
  return documentsOf(ctx.database.db, actor.userId);
}

/**
 * A proof, for who may see it: its owner; a prescriber of an organisation the owner agrees to be
 * followed by; a provider to one of whose sessions the owner applied. Anyone else: not found. Reads
 * by someone other than the owner are audited (these are sensitive documents).
 */
export async function readDocument(ctx: CandidatesContext, actor: Actor, id: string): Promise<{ content: Buffer; mediaType: DocumentType; fileName: string; sha256: string }> {
  const db = ctx.database.db;
  const [doc] = await db.select().from(candidateDocuments).where(eq(candidateDocuments.id, id));
  if (!doc) throw new NotFoundError('Justificatif');
  const role = actor.membership?.role;
  const owner = doc.candidateUserId;
  let allowed = role === 'candidate' && actor.userId === owner;
  const org = actor.membership?.organisationId;
  if (!allowed && role === 'prescriber' && org) {
    const [f] = await db
      .select({ id: followAgreements.id })
      .from(followAgreements)
      .where(and(eq(followAgreements.candidateUserId, owner), eq(followAgreements.organisationId, org), isNull(followAgreements.withdrawnAt)));
    allowed = Boolean(f);
  }
  if (!allowed && role === 'provider' && org) {
    const [w] = await db
      .select({ id: wishes.id })
      .from(wishes)
      .innerJoin(sessions, eq(sessions.id, wishes.sessionId))
      .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
      .where(and(eq(wishes.candidateUserId, owner), eq(trainings.providerId, org), ne(wishes.status, 'withdrawn')))
      .limit(1);
    allowed = Boolean(w);
  }
  if (!allowed) throw new NotFoundError('Justificatif');
  if (actor.userId !== owner) {
    await recordAudit(db, auditActor(actor), { action: 'document.read', objectType: 'candidate_document', objectId: doc.id });
  }
  return { content: doc.content, mediaType: doc.mediaType, fileName: doc.fileName, sha256: doc.sha256 };
}
