import { Link } from '../router/Link.tsx';

const PAGES = [
  { href: '/candidat/profil', label: 'Mon profil' },
  { href: '/candidat/diagnostic', label: 'Mon diagnostic' },
  { href: '/candidat/voeux', label: 'Mes vœux' },
];

/** The three pages of the candidate's space, the current one marked for assistive technologies. */
export function CandidateNav({ current }: { current: string }) {
  return (
    <nav className="fr-mb-4w" aria-label="Mon espace candidat·e">
      <ul className="app-candidate-nav">
        {PAGES.map((p) => (
          <li key={p.href}>
            <Link href={p.href} className="fr-link" aria-current={p.href === current ? 'page' : undefined}>
              {p.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
