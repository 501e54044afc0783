import type { Ref } from 'react';
import type { AidResult } from './types.ts';

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** "3 828 €", "382,80 €" */
export function formatEuros(value: number): string {
  return Number.isInteger(value) ? EUROS.format(value) : new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(value);
}

export const AID_RESULT_HEADING_ID = 'aid-result';

/** The échelon, the amounts and every step of the computation. */
export function AidResultPanel({ result, headingRef }: { result: AidResult; headingRef?: Ref<HTMLHeadingElement> }) {
  const label = result.echelon === '0bis' ? '0 bis' : result.echelon;
  return (
    <section aria-labelledby={AID_RESULT_HEADING_ID} className="fr-mt-6w">
      <h2 id={AID_RESULT_HEADING_ID} ref={headingRef} tabIndex={-1}>
        Résultat de la simulation
      </h2>
      {result.echelon !== null ? (
        <div className="fr-callout fr-callout--green-emeraude">
          <p className="fr-callout__title">
            Échelon {label} : {formatEuros(result.annualEuros)} par an
          </p>
          <p className="fr-callout__text">
            Soit {formatEuros(result.monthlyEuros)} par mois de formation, dans la limite de 10 mensualités par année universitaire.
            {result.payments !== null && result.totalEuros !== null && (
              <>
                {' '}
                Pour la période indiquée : {result.payments} mensualité{result.payments > 1 ? 's' : ''}, soit {formatEuros(result.totalEuros)} au total.
              </>
            )}
          </p>
        </div>
      ) : (
        <div className="fr-callout fr-callout--orange-terre-battue">
          <p className="fr-callout__title">Pas d’aide d’après cette simulation</p>
          <p className="fr-callout__text">
            {result.exclusions.length > 0
              ? 'Votre situation pendant la formation exclut l’aide de la Grande École du Numérique.'
              : 'Le revenu indiqué dépasse le plafond de l’échelon 0 bis pour vos points de charge.'}
          </p>
        </div>
      )}
      <ul className="fr-tags-group fr-mt-2w">
        <li>
          <p className="fr-tag">Année {result.year}</p>
        </li>
        <li>
          <p className="fr-tag">Barème {result.scaleYear}</p>
        </li>
        <li>
          <p className="fr-tag">
            {result.points} point{result.points > 1 ? 's' : ''} de charge
          </p>
        </li>
      </ul>
      <h3 className="fr-h5 fr-mt-3w">Le détail du calcul</h3>
      <ol className="app-prose-list">
        {result.explanation.map((sentence, i) => (
          <li key={i}>{sentence}</li>
        ))}
      </ol>
    </section>
  );
}
