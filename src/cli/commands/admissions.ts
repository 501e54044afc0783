import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.ts';
import { parseOptions, UsageError } from '../command.ts';
import { CsvError } from '../../areas/admissions/batch/csv.ts';
import { runCallOrderParallel, runRoundParallel } from '../../areas/admissions/batch/parallel.ts';
import type { BatchInput } from '../../areas/admissions/batch/run.ts';

const usage = [
  'fabriques admissions call-order --groups G.csv --wishes W.csv --out O.csv',
  'fabriques admissions round --groups G.csv --wishes W.csv --out S.csv [--auto-responder]',
  '',
  'Calcule, hors base, l’ordre d’appel de chaque groupe ou un tour de propositions (docs ADMISSIONS.md).',
  'Fichiers CSV UTF-8 avec en-tête (colonnes dans n’importe quel ordre) :',
  '  G.csv  group,offer_target,block_call_rank,constraints   constraints = nom:taux;… par priorité',
  '         (ex. scholarship:20;resident:90), vide si aucune ; au plus 4 par groupe',
  '  W.csv  candidate,group,rank,flags,status,preference',
  '         rank = rang pédagogique (pour round : rang d’appel), flags = noms séparés par « ; »,',
  '         status = waiting|offered|accepted|declined|withdrawn, preference = ordre du candidat (0 = aucun)',
  '  call-order écrit group,candidate,call_rank (tous les vœux, quel que soit leur statut),',
  '  round écrit les colonnes de W.csv avec les nouveaux statuts ; tri par groupe puis rang.',
  '  --auto-responder  (round) applique le répondeur automatique aux candidats ayant ordonné tous leurs vœux',
  '',
  'Code de sortie : 0 succès, 2 fichier ou argument invalide (ligne et colonne indiquées, aucun fichier écrit).',
].join('\n');

function inputFile(option: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--${option} FICHIER.csv est obligatoire (voir --help)`);
  let isFile = false;
  try {
    isFile = statSync(value).isFile();
    accessSync(value, constants.R_OK);
  } catch {
    throw new UsageError(`--${option} : fichier introuvable ou illisible « ${value} »`);
  }
  if (!isFile) throw new UsageError(`--${option} : « ${value} » n’est pas un fichier`);
  return value;
}

function outputFile(value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError('--out FICHIER.csv est obligatoire (voir --help)');
  const dir = path.dirname(path.resolve(value));
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--out : dossier introuvable ou non inscriptible « ${dir} »`);
  }
  try {
    if (statSync(value).isDirectory()) throw new UsageError(`--out : « ${value} » est un dossier, un fichier est attendu`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
  }
  return value;
}

export const admissionsCommand: Command = {
  name: 'admissions',
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'call-order' && sub !== 'round') {
      throw new UsageError(sub === undefined ? 'sous-commande attendue : call-order ou round (voir --help)' : `sous-commande inconnue « ${sub} » : call-order ou round (voir --help)`);
    }
    const o = parseOptions(rest, {
      groups: { type: 'string' },
      wishes: { type: 'string' },
      out: { type: 'string' },
      ...(sub === 'round' ? { 'auto-responder': { type: 'boolean' as const } } : {}),
    });
    const groups = inputFile('groups', o.groups as string | undefined);
    const wishes = inputFile('wishes', o.wishes as string | undefined);
    const out = outputFile(o.out as string | undefined);
    const input: BatchInput = { groups: { path: groups }, wishes: { path: wishes }, groupsName: groups, wishesName: wishes };
    try {
      const result =
        sub === 'call-order'
          ? await runCallOrderParallel(input, out)
          : await runRoundParallel(input, out, { autoResponder: (o as Record<string, unknown>)['auto-responder'] === true });
      console.log(JSON.stringify(result));
    } catch (e) {
      if (e instanceof CsvError) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  },
};
