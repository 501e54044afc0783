/** Shown while a page's code or data loads. */
export function PageLoading({ label = 'Chargement de la page…' }: { label?: string }) {
  return (
    <div className="fr-container fr-my-8w app-loading" role="status">
      <p>{label}</p>
    </div>
  );
}
