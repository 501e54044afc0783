import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { autoRespond, type PreferredWish } from './auto-responder.ts';
import type { Status } from './status.ts';

const w = (status: Status, preference: number): PreferredWish => ({ status, preference });

describe('automatic responder', () => {
  it('accepts the best offer, declines worse offers, withdraws worse waiting wishes, keeps better ones', () => {
    expect(autoRespond([w('waiting', 1), w('offered', 3), w('offered', 2), w('waiting', 4), w('declined', 5)])).toEqual([
      'waiting',
      'declined',
      'accepted',
      'withdrawn',
      'declined',
    ]);
  });
  it('releases an earlier acceptance for a better offer, keeps it against a worse one', () => {
    expect(autoRespond([w('accepted', 2), w('offered', 1)])).toEqual(['declined', 'accepted']);
    expect(autoRespond([w('accepted', 1), w('offered', 2), w('waiting', 3)])).toEqual(['accepted', 'declined', 'withdrawn']);
  });
  it('does nothing for a candidate who did not order all their live wishes, or has no offer', () => {
    expect(autoRespond([w('offered', 1), w('offered', 0)])).toEqual(['offered', 'offered']);
    expect(autoRespond([w('waiting', 1), w('waiting', 2)])).toEqual(['waiting', 'waiting']);
    // a declined wish without preference does not switch it off
    expect(autoRespond([w('declined', 0), w('offered', 2), w('offered', 1)])).toEqual(['declined', 'declined', 'accepted']);
  });
  it('rejects duplicate or negative preferences', () => {
    expect(() => autoRespond([w('offered', 1), w('waiting', 1)])).toThrow(/deux fois/);
    expect(() => autoRespond([w('offered', -1)])).toThrow(/entier/);
  });

  it('properties: at most one acceptance, the best offer, better waiting wishes untouched', () => {
    const statuses: Status[] = ['waiting', 'offered', 'accepted', 'declined', 'withdrawn'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...statuses), { maxLength: 12 }).chain((s) =>
          fc.shuffledSubarray(
            Array.from({ length: s.length }, (_, i) => i + 1),
            { minLength: s.length, maxLength: s.length },
          ).map((prefs) => s.map((status, i) => w(status, prefs[i]!))),
        ),
        (wishes) => {
          if (wishes.filter((x) => x.status === 'accepted').length > 1) return; // not a valid state
          const after = autoRespond(wishes);
          const offers = wishes.filter((x) => x.status === 'offered' || x.status === 'accepted');
          if (offers.length === 0) {
            expect(after).toEqual(wishes.map((x) => x.status));
            return;
          }
          const best = Math.min(...offers.map((x) => x.preference));
          expect(after.filter((s) => s === 'accepted')).toHaveLength(1);
          expect(after.filter((s) => s === 'offered')).toHaveLength(0);
          wishes.forEach((x, i) => {
            if (x.preference === best) expect(after[i]).toBe('accepted');
            if (x.status === 'waiting') expect(after[i]).toBe(x.preference < best ? 'waiting' : 'withdrawn');
            if (x.status === 'declined' || x.status === 'withdrawn') expect(after[i]).toBe(x.status);
          });
          // applying it twice changes nothing more
          expect(autoRespond(after.map((status, i) => w(status, wishes[i]!.preference)))).toEqual(after);
        },
      ),
    );
  });
});
