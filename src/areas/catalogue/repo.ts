import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { labels, organisations, sessions, trainings } from '../../db/schema/index.ts';
import type { Territories } from '../territories/referential.ts';
import type { CatalogueSession, CatalogueTraining } from './domain/types.ts';

/**
 * Reads the public catalogue: trainings that hold a label the public may see (active, or suspended /
 * withdrawn so their page can say why), with provider and sessions. Trainings placed on a commune
 * without known coordinates are skipped from the read model, with a count returned.
 */
export async function loadCatalogue(database: Database, geo: Territories): Promise<{ trainings: CatalogueTraining[]; unplaced: number }> {
  const { db } = database;
  const rows = await db
    .select({ t: trainings, p: organisations, l: labels })
    .from(trainings)
    .innerJoin(organisations, eq(organisations.id, trainings.providerId))
    .innerJoin(labels, eq(labels.trainingId, trainings.id))
    .where(inArray(labels.status, ['active', 'suspended', 'withdrawn']))
    .orderBy(asc(trainings.id), asc(labels.grantedOn));
  const sessionRows = await db.select().from(sessions).orderBy(asc(sessions.trainingId), asc(sessions.startsOn), asc(sessions.id));
  const byTraining = new Map<string, CatalogueSession[]>();
  for (const s of sessionRows) {
    let list = byTraining.get(s.trainingId);
    if (!list) byTraining.set(s.trainingId, (list = []));
    list.push({ id: s.id, startsOn: s.startsOn, endsOn: s.endsOn, seats: s.seats, seatsLeft: s.seats - s.seatsTaken, status: s.status });
  }
  const out = new Map<string, CatalogueTraining>();
  let unplaced = 0;
  for (const { t, p, l } of rows) {
    const commune = geo.communes.get(t.communeCode);
    if (!commune || commune.lat === null || commune.lon === null) {
      unplaced++;
      continue;
    }
    // the latest label wins (rows are ordered by grant date)
    out.set(t.id, {
      id: t.id,
      title: t.title,
      summary: t.summary,
      objectives: t.objectives,
      prerequisites: t.prerequisites,
      romeCodes: t.romeCodes,
      formacodes: t.formacodes,
      certification: { code: t.certificationCode, title: t.certificationTitle, level: t.certificationLevel },
      durationMonths: t.durationMonths,
      durationHours: t.durationHours,
      modality: t.modality,
      isFree: t.isFree,
      priceCents: t.priceCents,
      address: t.address,
      postalCode: t.postalCode,
      commune: { code: commune.code, name: commune.name, departement: commune.departement, region: commune.region },
      lat: commune.lat,
      lon: commune.lon,
      provider: { id: p.id, name: p.name, siret: p.siret ?? '', nda: p.nda, website: p.website },
      contact: { email: t.contactEmail, phone: t.contactPhone },
      label: { id: l.id, status: l.status, grantedOn: l.grantedOn, validUntil: l.validUntil, statusReason: l.statusReason },
      sessions: byTraining.get(t.id) ?? [],
    });
  }
  return { trainings: [...out.values()], unplaced };
}

export async function countTrainings(database: Database): Promise<number> {
  const r = await database.db.$count(trainings);
  return Number(r);
}

