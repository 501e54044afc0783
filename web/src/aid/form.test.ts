import { describe, expect, it } from 'vitest';
import { academicStartYear, academicYears, aidQuery, emptyDraft } from './form.ts';

describe('aid simulator form', () => {
  it('starts the academic year on 1 September', () => {
    expect(academicStartYear(new Date(2026, 7, 31))).toBe(2025);
    expect(academicStartYear(new Date(2026, 8, 1))).toBe(2026);
  });

  it('offers the years from next one back to 2016-2017', () => {
    const years = academicYears(new Date(2026, 10, 29));
    expect(years[0]).toBe('2027-2028');
    expect(years.at(-1)).toBe('2016-2017');
    expect(years).toHaveLength(12);
  });

  it('sends the communes or the distance, and leaves empty fields out', () => {
    const d = { ...emptyDraft(new Date(2026, 10, 29)), income: '30 351', home: '69123', training: '75056', distanceKm: '12' };
    expect(aidQuery(d)).toBe('year=2026-2027&income=30351&home=69123&training=75056&children=0&childrenHigherEducation=0');
    expect(aidQuery({ ...d, distanceMode: 'km', disability: true, exclusions: ['higher-education-grant', 'job-seeker-allowance'], trainingStart: '2026-10-05', trainingEnd: '2027-04-02' })).toBe(
      'year=2026-2027&income=30351&distanceKm=12&children=0&childrenHigherEducation=0&disability=true&exclusions=job-seeker-allowance%2Chigher-education-grant&trainingStart=2026-10-05&trainingEnd=2027-04-02',
    );
  });
});
