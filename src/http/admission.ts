import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from './error-handler.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The API's admission queue (see below). */
    admission: AdmissionQueue;
  }
}

/** The answer when too many requests already wait their turn. */
export const SERVER_BUSY = {
  error: 'serveur_sature',
  message: 'Le service reçoit trop de demandes en ce moment : votre demande n’a pas été traitée. Merci de réessayer dans quelques secondes.',
} as const;

/**
 * Requests are taken into work in their order of arrival, a bounded number at a time.
 *
 * Without it, under a load the server cannot follow, the requests that need the database (every
 * signed-in page: the session, then the page's queries) wait in the connection pool's queue, once per
 * query, behind every other request's queries, while those that need no database (the catalogue, held
 * in memory) overtake them: the first wait seconds while the second answer in milliseconds. With a
 * bounded number of requests in work, the pool's queue stays short and the wait happens here, once per
 * request and in arrival order, the same for all.
 *
 * The health check is never held back (monitoring must see a busy server as alive). The line is
 * bounded: past `maxWaiting` requests waiting, a new one gets a 503 at once (with Retry-After) rather
 * than a wait nobody would sit through.
 */
export class AdmissionQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  constructor(
    readonly limit: number,
    readonly maxWaiting = 4096,
  ) {
    if (!(limit >= 1)) throw new Error('the admission limit must be at least 1');
  }

  /**
   * Resolves when the request may start; call the returned function exactly once when it ends. Null
   * when the line is full (the request is refused).
   */
  enter(): Promise<() => void> | (() => void) | null {
    if (this.running < this.limit && this.head === this.waiting.length) {
      this.running++;
      return this.leaver();
    }
    if (this.queued >= this.maxWaiting) return null;
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.running++;
        resolve(this.leaver());
      });
    });
  }

  get inWork(): number {
    return this.running;
  }

  /**
   * Resolves once no request is in work or waiting (at shutdown: the database closes after the last
   * request, even one whose client has gone), or after `timeoutMs`; true when drained.
   */
  async drained(timeoutMs: number, pollMs = 20): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.running > 0 || this.queued > 0) {
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    return true;
  }

  get queued(): number {
    return this.waiting.length - this.head;
  }

  private leaver(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.running--;
      this.next();
    };
  }

  private next(): void {
    while (this.running < this.limit && this.head < this.waiting.length) {
      const start = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as never;
      // compact the array now and then rather than shifting it on every request
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      start();
    }
  }
}

/** Registers the queue for the API's requests (see above); must come before the hooks that use the database. */
export function registerAdmission(app: FastifyInstance, limit: number): AdmissionQueue {
  const queue = new AdmissionQueue(limit);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url === '/api/health' || req.url.startsWith('/api/health?')) return;
    const entered = queue.enter();
    if (entered === null) {
      return reply.code(503).header('retry-after', '5').send({ ...SERVER_BUSY } satisfies ErrorBody);
    }
    const leave = typeof entered === 'function' ? entered : await entered;
    // the client left while the request waited its turn: nothing to do for it
    if (req.raw.destroyed || reply.raw.destroyed) {
      leave();
      reply.hijack();
      return;
    }
    // 'close' comes once the answer is sent or the connection is gone, whichever ends the request
    if (reply.raw.writableFinished || reply.raw.destroyed) leave();
    else reply.raw.once('close', leave);
  });
  return queue;
}
