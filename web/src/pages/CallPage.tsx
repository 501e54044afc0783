import { useState } from 'react';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { navigate } from '../router/history.ts';
import { Link } from '../router/Link.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { callsApi, type CallDetail } from '../calls/api.ts';
import { CALL_STATUS, day, euros, PUBLICS } from '../calls/labels.ts';
import { Badge, Facts, LoadError, Outcome, TextField, useAction, useReload } from '../calls/ui.tsx';
import '../calls/calls.css';

/** The public page of a call: dates, caps, priorities, criteria and scoring grid; a provider starts a proposal from it. */
export function CallPage({ params }: { params: Record<string, string> }) {
  const { state } = useReload(`call:${params.id}`, (signal) => callsApi.call(params.id ?? '', signal));
  const call = state.data;
  return (
    <ContentPage title={call?.title ?? 'Appel à projets'} width="full" segments={[{ label: 'Appels à projets', href: '/appels' }]}>
      {state.status === 'error' && <LoadError error={state.error} />}
      {state.status === 'loading' && !call && <p role="status">Chargement de l’appel…</p>}
      {call && <CallBody call={call} />}
    </ContentPage>
  );
}

export function CallBody({ call }: { call: CallDetail }) {
  const f = call.form;
  const totalWeight = f.grid.reduce((s, c) => s + c.weight, 0);
  return (
    <>
      <p>
        <Badge severity={call.status === 'open' ? 'success' : 'info'}>{CALL_STATUS[call.status]}</Badge>
      </p>
      <p className="fr-text--lead">{call.summary}</p>
      <StartProposal call={call} />
      <h2 className="fr-h3">Calendrier et financement</h2>
      <Facts
        items={[
          ['Vague', String(call.wave)],
          ['Ouverture des dépôts', day(f.openingDate)],
          [f.cutOffs.length > 1 ? 'Dates limites de dépôt' : 'Date limite de dépôt', f.cutOffs.map((c) => day(c)).join(' · ')],
          ['Enveloppe', euros(call.envelopeCents)],
          ['Financeur', call.funderName],
          ['Plafond par formation', euros(f.caps.perTrainingCents)],
          ['Plafond par organisme', euros(f.caps.perOrganisationCents)],
          ['Part du budget de la formation', `au plus ${f.caps.maxShareOfBudgetPct} %`],
          ['Versements', f.tranches.map((t) => `${t.sharePct} % ${t.label.toLowerCase()}`).join(' ; ')],
        ]}
      />
      <h2 className="fr-h3">Priorités</h2>
      <ul>
        {f.priorities.publics.length > 0 && <li>Publics : {f.priorities.publics.map((p) => PUBLICS[p] ?? p).join(', ')}</li>}
        {f.priorities.romeCodes.length > 0 && <li>Métiers (codes ROME) : {f.priorities.romeCodes.join(', ')}</li>}
        {f.priorities.regions.length > 0 && <li>Régions (codes) : {f.priorities.regions.join(', ')}</li>}
        {f.priorities.publics.length + f.priorities.romeCodes.length + f.priorities.regions.length === 0 && <li>Aucune priorité particulière.</li>}
      </ul>
      <h2 className="fr-h3">Critères d’éligibilité</h2>
      <ul>
        {f.eligibility.minLowQualifiedJobSeekersPerSession > 0 && <li>Au moins {f.eligibility.minLowQualifiedJobSeekersPerSession} demandeur·ses d’emploi peu qualifié·es par session.</li>}
        {f.eligibility.freeForJobSeekers && <li>Formation gratuite pour les demandeur·ses d’emploi.</li>}
        {f.eligibility.declarations.map((d) => (
          <li key={d.code}>{d.label}</li>
        ))}
        <li>Seuils du label : au moins 30 % de femmes et 50 % de jeunes sans emploi ni formation ou peu qualifié·es ; durée de 3 à 24 mois.</li>
      </ul>
      <h2 className="fr-h3">Grille de notation</h2>
      <DataTable
        caption="Critères de la grille de notation et leur poids"
        headers={['Critère', 'Poids', 'Part de la note']}
        rows={f.grid.map((c) => ({ key: c.code, cells: [c.label, String(c.weight), `${Math.round((c.weight / totalWeight) * 100)} %`] }))}
      />
      <p className="fr-hint-text">Chaque critère est noté de 0 à 5 par au moins deux instructeur·rices ; la note d’un dossier est la moyenne de leurs notes pondérées.</p>
    </>
  );
}

function StartProposal({ call }: { call: CallDetail }) {
  const { active } = useSession();
  const [title, setTitle] = useState('');
  const action = useAction();
  if (call.status !== 'open') return null;
  if (active?.role !== 'provider') {
    return (
      <div className="fr-callout fr-mb-4w">
        <p className="fr-callout__text">
          Cet appel est ouvert{call.nextCutOff ? ` jusqu’au ${day(call.nextCutOff)} pour la prochaine date limite` : ''}. Les organismes de formation déposent leur dossier depuis leur espace :{' '}
          <Link href={`/connexion?retour=${encodeURIComponent(`/appels/${call.id}`)}`}>se connecter</Link>.
        </p>
      </div>
    );
  }
  return (
    <form
      className="fr-callout fr-mb-4w"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await action.run(() => callsApi.createProposal(call.id, title.trim() || `Dossier de ${active.organisationName ?? 'notre organisme'}`));
        if (r) navigate(`/organisme/dossiers/${r.id}`);
      }}
    >
      <h2 className="fr-callout__title fr-h4">Déposer un dossier sur cet appel</h2>
      <TextField path="title" label="Titre du dossier" hint="Vous pourrez le changer ensuite." value={title} onChange={setTitle} errors={action.errors} />
      <Outcome message={action.message} error={action.error} />
      <button type="submit" className="fr-btn" disabled={action.busy}>
        Commencer un dossier
      </button>
    </form>
  );
}
