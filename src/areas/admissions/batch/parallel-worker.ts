/**
 * The worker thread of parallel.ts: reads the pieces of W.csv the first thread has not taken, numbers
 * its candidates after the first thread's, then takes runs of groups as the first thread does
 * (writeRuns), writing their rows into the output's temporary file at their offsets. Started
 * from its compiled file (shared/compiled-module.mjs) or through tsx (worker-boot.mjs).
 */
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readGroups } from './groups.ts';
import { bothOutput, emptyMapping, numberCandidates, numberingCut, partState, RUNS, trace, writePlan, writeRuns, type PartState, type WorkerJob, type WorkerResult } from './parallel.ts';
import { readWishPieces } from './wishes.ts';
import { ByteWriter } from './writer.ts';

const port = parentPort!;
const job = (workerData as { job: WorkerJob }).job;

function firstPart(): Promise<{ part: PartState; names: Int32Array }> {
  return new Promise((resolve) => port.once('message', (m: { part: PartState; names: Int32Array }) => resolve(m)));
}

trace('worker started');
try {
  const groups = readGroups(job.input.groups, job.input.groupsName);
  const own = readWishPieces({ path: job.wishesPath }, job.input.wishesName, groups, job.layout, job.header, job.bounds, job.next);
  const mine = partState(own);
  trace('worker: part read');
  const mapping = emptyMapping(own.candidates.size);
  port.postMessage({ type: 'parsed', part: mine, mapping });
  const first = await firstPart();
  // this thread numbers the first half of its candidates, the first thread the second
  numberCandidates(first.part, mine, job.layout, 0, numberingCut(own.candidates.size), mapping);
  const mapped = { ...mapping, names: own.candidates.compact(true) };
  port.postMessage({ type: 'mapped', names: mapped.names });
  // the first thread's half is needed too before gathering any group
  Atomics.wait(job.numbered, 0, 0);
  if (Atomics.load(job.numbered, 0) !== 1) throw new Error('numérotation interrompue');
  trace('worker: candidates numbered');
  const output = bothOutput(job.layout, groups, own.order, first.part, mine, mapped, first.names);
  const plan = writePlan(output, RUNS);
  if (!plan) throw new Error('taille de sortie hors limites');
  // the first thread created the file and removes it if anything fails
  const fd = openSync(job.outputTemp, 'r+');
  let result: WorkerResult;
  try {
    result = writeRuns(new ByteWriter(fd, 0), output, plan, job.taken);
    trace('worker: groups written');
  } finally {
    closeSync(fd);
  }
  port.postMessage({ type: 'done', result });
} catch (e) {
  port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}
