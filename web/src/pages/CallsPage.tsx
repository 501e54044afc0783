import { ContentPage } from '../components/ContentPage.tsx';
import { Link } from '../router/Link.tsx';
import { callsApi } from '../calls/api.ts';
import { CALL_STATUS, day, euros } from '../calls/labels.ts';
import { Badge, LoadError, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

/** Public list of the calls for projects (appels à projets) of the programme. */
export function CallsPage() {
  const { state } = useReload('calls', (signal) => callsApi.calls(false, signal));
  return (
    <ContentPage title="Appels à projets" width="full" lead="Les appels à labellisation de la Grande École du Numérique : les fabriques y déposent leurs formations pour obtenir le label et une subvention d’amorçage.">
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.status === 'loading' && !state.data && <p role="status">Chargement des appels…</p>}
      {state.data && state.data.length === 0 && <p>Aucun appel n’est publié pour le moment.</p>}
      {state.data && state.data.length > 0 && (
        <ul className="fr-grid-row fr-grid-row--gutters" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
          {state.data.map((c) => (
            <li key={c.id} className="fr-col-12 fr-col-md-6">
              <div className="fr-card fr-enlarge-link">
                <div className="fr-card__body">
                  <div className="fr-card__content">
                    <h2 className="fr-card__title">
                      <Link href={`/appels/${c.id}`}>{c.title}</Link>
                    </h2>
                    <p className="fr-card__desc">{c.summary}</p>
                    <div className="fr-card__start">
                      <p className="fr-card__detail">
                        <Badge severity={c.status === 'open' ? 'success' : 'info'}>{CALL_STATUS[c.status]}</Badge>
                      </p>
                    </div>
                    <div className="fr-card__end">
                      <p className="fr-card__detail">
                        Vague {c.wave} · enveloppe {euros(c.envelopeCents)} · {c.nextCutOff ? `prochaine date limite : ${day(c.nextCutOff)}` : `dernière date limite : ${day(c.cutOffs.at(-1) ?? null)}`}
                      </p>
                    </div>
                  </div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </ContentPage>
  );
}
