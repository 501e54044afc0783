/** Where "Postuler" leads until applying opens: the sign-in page, with the way back. */
export function applyHref(trainingId: string): string {
  const back = `/formations/${encodeURIComponent(trainingId)}`;
  return `/connexion?retour=${encodeURIComponent(back).replace(/%2F/g, '/')}`;
}
