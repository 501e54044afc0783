import { z } from 'zod';
import { ADMISSION_CONSTRAINT_NAMES } from '../../db/schema/admissions.ts';
import { WISH_STATUSES } from '../../db/schema/candidates.ts';

export { errorSchema } from '../accounts/http-schemas.ts';

export const uuid = (label: string) => z.string().uuid(`${label} invalide.`);
export const sessionParams = z.object({ sessionId: uuid('Session') });
export const offerParams = z.object({ offerId: uuid('Proposition') });

const int = (message: string, min = 0, max = 1_000_000) => z.number({ error: message }).int(message).min(min, message).max(max, message);

export const settingsBody = z.object({
  constraints: z
    .array(z.object({ name: z.enum(ADMISSION_CONSTRAINT_NAMES, { error: 'Public inconnu : choisissez un critère du diagnostic.' }), rate: int('Le taux minimum est un entier de 0 à 100 (%).', 0, 100) }), { error: 'Donnez la liste des publics prioritaires.' })
    .max(4, 'Au plus 4 publics prioritaires par session.'),
  overbookingMargin: int('La marge de surréservation est un nombre entier de 0 à 1000.', 0, 1000),
  blockCallRank: int('Le rang d’appel en bloc est un nombre entier (0 : aucun).'),
  answerDays: int('Le délai de réponse est de 1 à 30 jours.', 1, 30),
});

export const rankingBody = z.object({
  entries: z
    .array(
      z.object({
        wishId: uuid('Candidature'),
        rank: int('Le rang est un nombre entier à partir de 1.', 1).nullable(),
        notRankedReason: z.string().max(500, 'Le motif tient en 500 caractères au plus.').nullable().default(null),
        notes: z.string().max(2000, 'Les notes tiennent en 2000 caractères au plus.').nullable().default(null),
      }),
    )
    .max(20_000, 'Trop de lignes.'),
});

export const importBody = z.object({ csv: z.string({ error: 'Joignez le fichier CSV.' }).min(1, 'Le fichier est vide.').max(5_000_000, 'Le fichier dépasse 5 Mo.') });

const settingsView = z.object({
  constraints: z.array(z.object({ name: z.string(), rate: z.number() })),
  overbookingMargin: z.number(),
  blockCallRank: z.number(),
  answerDays: z.number(),
  offerTarget: z.number(),
});

export const rankingViewSchema = z.object({
  session: z.object({ id: z.string(), trainingId: z.string(), trainingTitle: z.string(), startsOn: z.string(), endsOn: z.string(), seats: z.number(), seatsTaken: z.number(), status: z.string() }),
  settings: settingsView,
  state: z.enum(['draft', 'published', 'frozen']),
  callOrderComputedAt: z.string().nullable(),
  offers: z.record(z.string(), z.number()),
  entries: z.array(
    z.object({
      wishId: z.string(),
      candidateName: z.string(),
      status: z.enum(WISH_STATUSES),
      statusLabel: z.string(),
      rankable: z.boolean(),
      rank: z.number().nullable(),
      notRankedReason: z.string().nullable(),
      notes: z.string().nullable(),
      callRank: z.number().nullable(),
      flags: z.array(z.string()),
      offerStatus: z.string().nullable(),
    }),
  ),
  rounds: z.array(
    z.object({
      roundId: z.string(),
      kind: z.string(),
      runOn: z.string(),
      finishedAt: z.string(),
      offerTarget: z.number(),
      blockCallRank: z.number(),
      holders: z.number(),
      free: z.number(),
      offers: z.number(),
      expired: z.number(),
      lastOfferedCallRank: z.number(),
    }),
  ),
});

export const providerSessionsSchema = z.array(
  z.object({ id: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.string(), seats: z.number(), seatsTaken: z.number(), trainingTitle: z.string(), applications: z.number(), state: z.string() }),
);

export const publicRulesSchema = z.object({
  sessionId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.string(),
  seats: z.number(),
  offerTarget: z.number(),
  overbookingMargin: z.number(),
  blockCallRank: z.number(),
  answerDays: z.number(),
  timeZone: z.string(),
  rankingPublished: z.boolean(),
  constraints: z.array(z.object({ priority: z.number(), name: z.string(), label: z.string(), rate: z.number() })),
});

export const trainingParams = z.object({ trainingId: uuid('Formation') });
export const publicTrainingRulesSchema = z.object({ trainingId: z.string(), sessions: z.array(publicRulesSchema) });

export const roundSummarySchema = z.object({
  roundId: z.string().nullable(),
  skipped: z.boolean(),
  runOn: z.string(),
  sessions: z.number(),
  offers: z.number(),
  expired: z.number(),
  autoAccepted: z.number(),
  autoDeclined: z.number(),
  autoWithdrawn: z.number(),
  ms: z.number(),
});

export const roundsSchema = z.array(
  z.object({
    id: z.string(),
    kind: z.string(),
    status: z.string(),
    runOn: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    sessions: z.number(),
    offers: z.number(),
    expired: z.number(),
    autoAccepted: z.number(),
    autoDeclined: z.number(),
    autoWithdrawn: z.number(),
    error: z.string().nullable(),
  }),
);

export const candidateAdmissionsSchema = z.object({
  autoResponder: z.boolean(),
  items: z.array(
    z.object({
      wishId: z.string(),
      sessionId: z.string(),
      trainingTitle: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      wishStatus: z.enum(WISH_STATUSES),
      preference: z.number(),
      rank: z.number().nullable(),
      callRank: z.number().nullable(),
      lastOfferedCallRank: z.number(),
      waitingPlace: z.number(),
      explanation: z.string().nullable(),
      /** the constraints that moved the call rank away from the ranking: earlier (held, rate not met) or later (others passed) */
      movedBy: z.array(z.object({ name: z.string(), label: z.string(), effect: z.enum(['earlier', 'later']), candidates: z.number() })),
      waiting: z.string().nullable(),
      offer: z
        .object({ id: z.string(), status: z.string(), statusLabel: z.string(), madeAt: z.string(), deadlineAt: z.string(), deadlineLabel: z.string(), answeredBy: z.string().nullable() })
        .nullable(),
    }),
  ),
});

export const acceptBody = z.object({ withdrawWorse: z.boolean({ error: 'withdrawWorse : vrai ou faux.' }).default(false) }).default({ withdrawWorse: false });
export const autoResponderBody = z.object({ enabled: z.boolean({ error: 'Indiquez si la réponse automatique est activée (vrai ou faux).' }) });
