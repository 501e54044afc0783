/** Home → training distance from two INSEE commune codes (DOMAIN.md: straight line between centroids, whole km rounded down). */
import { InputError } from '../../../shared/errors.ts';
import { COMMUNE_CODE, type Commune } from '../../territories/domain/commune.ts';
import { wholeKm } from '../../territories/domain/geo.ts';

export interface CommuneDistance {
  km: number;
  home: { code: string; name: string };
  training: { code: string; name: string };
}

function place(communes: ReadonlyMap<string, Commune>, code: string, field: string, what: string): Commune & { lat: number; lon: number } {
  if (!COMMUNE_CODE.test(code)) {
    throw new InputError({ [field]: `La commune ${what} doit être un code INSEE à 5 caractères (ex. 69123), reçu « ${code} ».` });
  }
  const c = communes.get(code);
  if (!c) throw new InputError({ [field]: `La commune ${what} « ${code} » n’existe pas dans le code officiel géographique.` });
  if (c.lat === null || c.lon === null) {
    throw new InputError({ [field]: `La position de la commune ${what} ${c.name} (${code}) est inconnue : déclarez la distance en km.` });
  }
  return c as Commune & { lat: number; lon: number };
}

export function communeDistance(communes: ReadonlyMap<string, Commune>, homeCode: string, trainingCode: string): CommuneDistance {
  const fields: Record<string, string> = {};
  let home: (Commune & { lat: number; lon: number }) | undefined;
  let training: (Commune & { lat: number; lon: number }) | undefined;
  try {
    home = place(communes, homeCode, 'home', 'du domicile');
  } catch (e) {
    Object.assign(fields, (e as InputError).fields);
  }
  try {
    training = place(communes, trainingCode, 'training', 'du lieu de formation');
  } catch (e) {
    Object.assign(fields, (e as InputError).fields);
  }
  if (!home || !training) throw new InputError(fields, Object.values(fields)[0]);
  return {
    km: wholeKm(home.lat, home.lon, training.lat, training.lon),
    home: { code: home.code, name: home.name },
    training: { code: training.code, name: training.name },
  };
}
