import type { Command } from '../command.ts';
import { parseOptions, UsageError } from '../command.ts';
import { InputError } from '../../shared/errors.ts';
import { parisDate } from '../../shared/clock.ts';
import { loadScales } from '../../areas/scholarships/scales.ts';
import { simulateAid, type AidRequest } from '../../areas/scholarships/domain/simulate.ts';
import { communeDistance } from '../../areas/scholarships/domain/distance.ts';
import { centsToEuros } from '../../areas/scholarships/domain/format.ts';
import { EXCLUSIONS } from '../../areas/scholarships/domain/exclusions.ts';

const USAGE = [
  'fabriques aid simulate --income EUROS [--year AAAA-AAAA | --date AAAA-MM-JJ] [--points N | faits…] [--exclusion RAISON]… [--start AAAA-MM-JJ --end AAAA-MM-JJ]',
  '',
  'Calcule l’aide Grande École du Numérique (échelon, montants annuel et mensuel) sur le barème des bourses',
  'sur critères sociaux, et écrit un objet JSON sur une ligne, avec l’explication de chaque étape.',
  '  --income EUROS                  revenu brut global du foyer fiscal (année N-2), en euros',
  '  --year AAAA-AAAA                année universitaire (ex. 2025-2026)',
  '  --date AAAA-MM-JJ               ou une date : le barème en vigueur à cette date (défaut : aujourd’hui,',
  '                                  ou le début de la formation si --start est donné)',
  '  --points N                      total des points de charge, s’il est connu ; sinon les faits :',
  '  --distance-km N                 distance domicile – lieu de formation, en km entiers',
  '  --home CODE --training CODE     ou les codes INSEE des deux communes (distance entre leurs centres)',
  '  --children N                    autres enfants à charge du foyer, hors enseignement supérieur',
  '  --children-higher-education N   autres enfants à charge dans l’enseignement supérieur',
  '  --disability-or-carer           handicap reconnu par la CDAPH ou aidant d’un proche handicapé',
  '  --disability, --carer           les deux situations séparément (chacune compte)',
  `  --exclusion RAISON              situation qui exclut l’aide, répétable : ${EXCLUSIONS.join(', ')}`,
  '  --start DATE --end DATE         période de formation : nombre de mensualités et total',
].join('\n');

/** API field of a domain error → the option to fix. */
const OPTION_OF: Record<string, string> = {
  income: '--income',
  year: '--year',
  date: '--date',
  points: '--points',
  distanceKm: '--distance-km',
  home: '--home',
  training: '--training',
  children: '--children',
  childrenHigherEducation: '--children-higher-education',
  disabilityOrCarer: '--disability-or-carer',
  exclusions: '--exclusion',
  trainingStart: '--start',
  trainingEnd: '--end',
};

const VALUE_OPTIONS = ['--income', '--points', '--distance-km', '--children', '--children-higher-education'];

/** `--income -5` would read as two options: glue a negative number to its option so that the range check explains it. */
function glueNegatives(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (VALUE_OPTIONS.includes(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function integerOption(option: string, value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw new UsageError(`${option} : ${what} doit être un nombre entier (reçu « ${value} »)`);
  return Number(value.trim());
}

function incomeCents(value: string | undefined): number {
  if (value === undefined) throw new UsageError('--income est obligatoire : le revenu brut global du foyer fiscal, en euros (ex. --income 30351)');
  const m = /^(-?)(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new UsageError(`--income : « ${value} » n’est pas un montant en euros (ex. 30351 ou 30351,50)`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export const aidCommand: Command = {
  name: 'aid',
  usage: USAGE,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'simulate') {
      throw new UsageError(sub === undefined ? 'précisez la sous-commande : fabriques aid simulate … (voir --help)' : `sous-commande inconnue « ${sub} » : fabriques aid simulate … (voir --help)`);
    }
    const o = parseOptions(glueNegatives(rest), {
      income: { type: 'string' },
      year: { type: 'string' },
      date: { type: 'string' },
      points: { type: 'string' },
      'distance-km': { type: 'string' },
      home: { type: 'string' },
      training: { type: 'string' },
      children: { type: 'string' },
      'children-higher-education': { type: 'string' },
      'disability-or-carer': { type: 'boolean' },
      disability: { type: 'boolean' },
      carer: { type: 'boolean' },
      exclusion: { type: 'string', multiple: true },
      start: { type: 'string' },
      end: { type: 'string' },
    });

    const request: AidRequest = { incomeCents: incomeCents(o.income), exclusions: o.exclusion ?? [] };
    if (o.year !== undefined) request.year = o.year;
    if (o.date !== undefined) request.date = o.date;
    if ((o.start === undefined) !== (o.end === undefined)) {
      throw new UsageError(o.start === undefined ? '--end demande aussi --start (début de la formation)' : '--start demande aussi --end (fin de la formation)');
    }
    if (o.start !== undefined && o.end !== undefined) request.training = { start: o.start, end: o.end };
    if (request.year === undefined && request.date === undefined && request.training === undefined) request.date = parisDate(new Date());

    const points = integerOption('--points', o.points, 'le total des points de charge');
    if (points !== undefined) request.points = points;

    if ((o.home === undefined) !== (o.training === undefined)) {
      throw new UsageError(o.home === undefined ? '--training demande aussi --home (code INSEE de la commune du domicile)' : '--home demande aussi --training (code INSEE de la commune du lieu de formation)');
    }
    if (o.home !== undefined && o['distance-km'] !== undefined) {
      throw new UsageError('donnez soit --distance-km, soit --home et --training, pas les deux');
    }
    if (o['disability-or-carer'] && (o.disability || o.carer)) {
      throw new UsageError('--disability-or-carer compte une situation ; pour en donner deux, utilisez --disability et --carer');
    }
    const factGiven = [o['distance-km'], o.home, o.children, o['children-higher-education']].some((v) => v !== undefined) || o['disability-or-carer'] || o.disability || o.carer;
    try {
      if (factGiven) {
        let distanceKm = integerOption('--distance-km', o['distance-km'], 'la distance en km') ?? 0;
        if (o.home !== undefined && o.training !== undefined) {
          const { territories } = await import('../../areas/territories/referential.ts');
          const d = communeDistance(territories().communes, o.home.trim(), o.training.trim());
          distanceKm = d.km;
          request.distanceFrom = { home: d.home, training: d.training };
        }
        request.facts = {
          distanceKm,
          children: integerOption('--children', o.children, 'le nombre d’enfants') ?? 0,
          childrenInHigherEducation: integerOption('--children-higher-education', o['children-higher-education'], 'le nombre d’enfants') ?? 0,
          disabilityOrCarer: o['disability-or-carer'] ? 1 : (o.disability ? 1 : 0) + (o.carer ? 1 : 0),
        };
      }
      const r = simulateAid(loadScales(), request);
      const out = {
        year: r.year,
        points: r.points,
        echelon: r.echelon,
        annualEuros: centsToEuros(r.annualCents),
        monthlyEuros: centsToEuros(r.monthlyCents),
        ...(r.scaleYear !== r.year ? { scaleYear: r.scaleYear } : {}),
        ...(r.exclusions.length > 0 ? { exclusions: r.exclusions } : {}),
        ...(r.payments ? { payments: r.payments.payments, totalEuros: centsToEuros(r.totalCents ?? 0) } : {}),
        explanation: r.explanation,
      };
      console.log(JSON.stringify(out));
      return 0;
    } catch (e) {
      if (e instanceof InputError) {
        const [field, message] = Object.entries(e.fields)[0] ?? ['', e.message];
        throw new UsageError(`${OPTION_OF[field] ?? field} : ${lowerFirst(message)}`);
      }
      throw e;
    }
  },
};
