/**
 * Password rules (ANSSI/CNIL guidance for a password alone: 12 characters at least, not a common
 * word, not the person's own name or e-mail).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

// Very common choices, French and international, compared without accents, case or digits around them.
const COMMON = [
  'motdepasse', 'password', 'azerty', 'azertyuiop', 'qwerty', 'soleil', 'bonjour', 'doudou', 'loulou',
  'chouchou', 'marseille', 'paris', 'france', 'football', 'jetaime', 'nicolas', 'camille', 'princesse',
  'coucou', 'chocolat', 'iloveyou', 'admin', 'administrateur', 'fabriques', 'fabrique', 'numerique',
  'bienvenue', 'welcome', 'secret', 'changeme', 'abcdef', 'abcdefgh', 'abc123', 'letmein', 'dragon',
  'master', 'sunshine', 'monkey', 'amour', 'toto', 'titi', 'tata', 'lapin', 'chaton', 'doudou',
];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

/** Returns a French message saying what to change, or null when the password is acceptable. */
export function passwordProblem(password: string, personal: { email?: string; names?: string[] } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Le mot de passe ne peut pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`;
  const folded = fold(password);
  if (new Set(folded).size < 5) return 'Le mot de passe répète trop les mêmes caractères.';
  const core = folded.replace(/[^a-z]/g, '');
  if (core.length < folded.length / 2 && /^[0-9]+$/.test(folded.replace(/[^a-z0-9]/g, ''))) {
    return 'Le mot de passe ne doit pas être composé uniquement de chiffres.';
  }
  for (const word of COMMON) {
    // the password is a common word dressed up (capitals, digits, punctuation, repeated)
    if (core.length > 0 && core.replaceAll(word, '') === '') return 'Ce mot de passe est trop courant : choisissez une phrase ou des mots moins prévisibles.';
  }
  const local = personal.email ? fold(personal.email.split('@')[0] ?? '') : '';
  if (local.length >= 4 && folded.includes(local)) return 'Le mot de passe ne doit pas contenir votre adresse e-mail.';
  for (const name of personal.names ?? []) {
    const n = fold(name);
    if (n.length >= 4 && folded.includes(n)) return 'Le mot de passe ne doit pas contenir votre nom ou votre prénom.';
  }
  return null;
}
