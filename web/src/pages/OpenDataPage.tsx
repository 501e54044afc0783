import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { ContentPage } from '../components/ContentPage.tsx';
import { DataTable } from '../components/DataTable.tsx';

const LICENCE_URL = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/';

function fileName(href: string): string {
  return href.split('/').pop() ?? href;
}

export function OpenDataPage() {
  const index = useApi('open-data', (signal) => api.openData(signal));

  return (
    <ContentPage
      title="Données ouvertes"
      lead="Le catalogue des formations labellisées Grande École du Numérique est publié en données ouvertes, librement réutilisables."
    >
      <section aria-labelledby="fichiers">
        <h2 id="fichiers">Les fichiers</h2>
        <ul className="app-prose-list">
          <li>
            <strong>Licence :</strong>{' '}
            <a href={LICENCE_URL} target="_blank" rel="noopener noreferrer" title="Licence Ouverte 2.0 – nouvelle fenêtre">
              Licence Ouverte 2.0 (Etalab)
            </a>
            {' '}: réutilisation libre, y compris commerciale, en citant la source « Grande École du Numérique – Fabriques » et la
            date de mise à jour.
          </li>
          <li>
            <strong>Mise à jour :</strong> en continu. Les fichiers sont produits à partir du catalogue en ligne et
            reconstruits à chaque changement d’une formation, d’un label ou d’une session.
          </li>
          <li>
            <strong>Périmètre :</strong> les formations dont le label est actif et leurs sessions. Aucune donnée personnelle.
          </li>
        </ul>

        {index.status === 'error' && (
          <Alert severity="error" title="La liste des fichiers est indisponible" description={index.error.message} className="fr-my-3w" />
        )}
        {index.status === 'loading' && <p role="status">Chargement de la liste des fichiers…</p>}
        {index.data && (
          <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
            {index.data.files.map((file) => (
              <div key={file.href} className="fr-col-12 fr-col-md-4">
                <div className="app-download">
                  <h3 className="fr-h6 fr-mb-1w">
                    <a href={file.href} download={fileName(file.href)} className="fr-link fr-icon-download-line fr-link--icon-right">
                      Télécharger {fileName(file.href)}
                    </a>
                  </h3>
                  <p className="fr-text--sm fr-mb-1w app-download__format">Format {file.format}</p>
                  <p className="fr-text--sm fr-mb-0">{file.description}</p>
                </div>
              </div>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="colonnes">
        <h2 id="colonnes">Les colonnes du fichier CSV</h2>
        <p>
          Fichier encodé en UTF-8, séparateur virgule, une ligne par session : les colonnes de la formation sont répétées
          sur chaque ligne de ses sessions.
        </p>
        {index.data && (
          <DataTable
            caption="Colonnes du fichier trainings.csv"
            headers={['Colonne', 'Description']}
            rows={index.data.csvColumns.map((column) => ({ key: column.name, cells: [<code>{column.name}</code>, column.description] }))}
            bordered
          />
        )}
      </section>

      <section aria-labelledby="lheo">
        <h2 id="lheo">Le format LHEO 2.3</h2>
        <p>
          LHEO (Langage harmonisé d’échange d’informations sur l’offre de formation) est le format XML dans lequel les
          Carif-Oref, France Travail et les plateformes publiques échangent l’offre de formation. Le fichier{' '}
          <code>lheo.xml</code> suit le schéma de la version 2.3 : chaque formation labellisée y est décrite avec son
          organisme, ses objectifs, sa certification, ses codes ROME et Formacode, et chacune de ses sessions (dates, lieu,
          modalités).
        </p>
        <p>
          Il permet d’intégrer le catalogue de la Grande École du Numérique dans les bases régionales de l’offre de formation
          sans ressaisie.
        </p>
      </section>

      <section aria-labelledby="api">
        <h2 id="api">L’API</h2>
        <p>
          Les mêmes données sont interrogeables par une API publique, sans authentification : recherche avec tous les
          critères du catalogue, fiche d’une formation, données de la carte, référentiels.
        </p>
        <p>
          <a className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/api/docs">
            Documentation de l’API (OpenAPI)
          </a>
        </p>
      </section>
    </ContentPage>
  );
}
