import { describe, expect, it } from 'vitest';
import { romeCodesForJob } from './jobs.ts';

describe('job name → ROME codes', () => {
  it('finds a job by its usual name, whatever the case and accents', () => {
    expect(romeCodesForJob('développeur')).toEqual(['M1805']);
    expect(romeCodesForJob('DEVELOPPEUSE')).toEqual(['M1805']);
    expect(romeCodesForJob('graphiste')).toEqual(['E1205']);
  });
  it('finds a job by the words of its ROME label', () => {
    expect(romeCodesForJob('maintenance informatique')).toEqual(['I1401']);
    expect(romeCodesForJob('Conseil et maîtrise d’ouvrage')).toEqual(['M1806']);
  });
  it('needs every known word: "technicien maintenance" is the two maintenance jobs', () => {
    expect(romeCodesForJob('technicien maintenance')).toEqual(['I1401', 'I1307']);
    expect(romeCodesForJob('technicien de maintenance')).toEqual(['I1401', 'I1307']);
  });
  it('tolerates typos and completes the last word', () => {
    expect(romeCodesForJob('devloppeur')).toEqual(['M1805']);
    expect(romeCodesForJob('infograph')).toEqual(['E1205']);
    expect(romeCodesForJob('technicien maintenace')).toEqual(['I1401', 'I1307']);
  });
  it('ignores words that name no job, but finds nothing for an unknown job', () => {
    expect(romeCodesForJob('développeur junior')).toEqual(['M1805']);
    expect(romeCodesForJob('boulanger')).toEqual([]);
    expect(romeCodesForJob('')).toEqual([]);
  });
  it('accepts another list of jobs', () => {
    const jobs = [{ code: 'A1101', label: 'Conduite d’engins agricoles' }];
    expect(romeCodesForJob('engins agricoles', jobs)).toEqual(['A1101']);
    expect(romeCodesForJob('développeur', jobs)).toEqual([]);
  });
});
