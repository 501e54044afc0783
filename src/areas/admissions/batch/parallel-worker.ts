/**
 * The worker thread of parallel.ts: reads the pieces of W.csv the first thread has not taken, numbers
 * its candidates after the first thread's, then runs and writes the groups from the split to the end,
 * to its own file. Started from its compiled file (shared/compiled-module.mjs) or through tsx (worker-boot.mjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { STATUS_NAMES } from '../domain/status.ts';
import { readGroups } from './groups.ts';
import { bothOutput, groupSplit, numberCandidates, partState, trace, type PartState, type WorkerJob, type WorkerResult } from './parallel.ts';
import { callOrderGroups, roundGroups } from './run.ts';
import { groupCounts, readWishPieces } from './wishes.ts';
import { AtomicFile } from './writer.ts';

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
  port.postMessage({ type: 'parsed', part: mine });
  const first = await firstPart();
  const mapped = { ...numberCandidates(first.part, own), names: own.candidates.packed(true) };
  port.postMessage({ type: 'mapped', mapped });
  trace('worker: candidates numbered');
  const output = bothOutput(job.layout, groups, own.order, first.part, mine, mapped, first.names);
  const split = groupSplit(own.order, groupCounts(output.parts, groups.size));
  // a plain file: the first thread appends it to the output and removes it
  const file = new AtomicFile(job.partFile, '.w');
  const result: WorkerResult = { moved: 0, offers: 0, perStatus: new Int32Array(STATUS_NAMES.length) };
  try {
    if (job.layout === 'call-order') result.moved = callOrderGroups(file.writer, output, split, own.order.length).moved;
    else result.offers = roundGroups(file.writer, output, split, own.order.length, result.perStatus).offers;
    file.commit();
    trace('worker: groups written');
  } catch (e) {
    file.abort();
    throw e;
  }
  port.postMessage({ type: 'done', result });
} catch (e) {
  port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}
