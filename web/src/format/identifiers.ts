const NBSP = '\u00a0';

/** "123 456 789 00012": SIREN in groups of three, then the NIC */
export function formatSiret(siret: string): string {
  const digits = siret.replace(/\s/g, '');
  if (!/^\d{14}$/.test(digits)) return siret;
  return [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 9), digits.slice(9)].join(NBSP);
}

/** "01 23 45 67 89" for a 10-digit French number, unchanged otherwise */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/[\s.]/g, '');
  if (!/^0\d{9}$/.test(digits)) return phone;
  return digits.replace(/(\d{2})(?=\d)/g, `$1${NBSP}`);
}
