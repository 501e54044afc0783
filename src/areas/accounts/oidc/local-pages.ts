import type { DemoIdentity } from './demo-identities.ts';
import { PROVIDER_INFO, type OidcProviderId } from './providers.ts';

/** Pages of the embedded local identity provider: plain French HTML, no script (strict CSP), WCAG AA. */

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#161616;background:#f6f6f6;line-height:1.5}
.bandeau{background:#000091;color:#fff;padding:.75rem 1.5rem}
.bandeau p{margin:0;font-weight:700}
main{max-width:42rem;margin:1.5rem auto;background:#fff;padding:1.5rem 2rem;border:1px solid #ddd}
h1{font-size:1.75rem;margin:0 0 1rem}
.avertissement{border-left:4px solid #b34000;background:#fff4ed;padding:.75rem 1rem;margin:0 0 1.5rem}
.resume{border:2px solid #ce0500;padding:.75rem 1rem;margin:0 0 1.5rem}
.resume h2{font-size:1.125rem;margin:0 0 .5rem;color:#ce0500}
.resume ul{margin:0;padding-left:1.25rem}
.resume a{color:#ce0500}
fieldset{border:0;padding:0;margin:0 0 1.5rem}
legend{font-weight:700;font-size:1.125rem;margin-bottom:.75rem;padding:0}
.choix{display:flex;gap:.75rem;align-items:flex-start;border:1px solid #929292;padding:.75rem;margin-bottom:.5rem}
.choix input{width:1.25rem;height:1.25rem;margin:.2rem 0 0;flex:none;accent-color:#000091}
.choix label{font-weight:700;cursor:pointer}
.choix .adresse{display:block;font-weight:400}
.choix .note{margin:.25rem 0 0;color:#3a3a3a;font-size:.9375rem}
.champ{margin-bottom:1.5rem}
.champ label{display:block;font-weight:700}
.aide{display:block;font-weight:400;color:#3a3a3a;font-size:.9375rem}
input[type=password]{display:block;width:100%;max-width:24rem;margin-top:.5rem;padding:.5rem .75rem;font-size:1rem;border:0;border-bottom:2px solid #3a3a3a;background:#eee;color:#161616}
.erreur{color:#ce0500;font-weight:700;margin:.25rem 0 0}
[aria-invalid=true]{border-bottom-color:#ce0500}
button{font:inherit;font-weight:700;padding:.5rem 1.5rem;cursor:pointer;border:2px solid #000091;min-height:2.5rem}
.principal{background:#000091;color:#fff}
.secondaire{background:#fff;color:#000091}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin-top:1rem}
a{color:#000091}
code{background:#eee;padding:0 .25rem}
`;

function page(title: string, body: string, provider?: OidcProviderId): string {
  const who = provider ? `${PROVIDER_INFO[provider].label} – ` : '';
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} – ${esc(who)}fournisseur d’identité de démonstration</title>
<style>${STYLE}</style>
</head>
<body>
<header class="bandeau"><p>${provider ? `${esc(PROVIDER_INFO[provider].label)} · ` : ''}Fournisseur d’identité de démonstration de Fabriques</p></header>
<main>
${body}
</main>
</body>
</html>`;
}

export interface LoginForm {
  provider: OidcProviderId;
  identities: DemoIdentity[];
  action: string;
  abortAction: string;
  demoPassword: string;
  chosen?: string | undefined;
  errors?: { identite?: string; mot_de_passe?: string };
}

export function loginPage(f: LoginForm): string {
  const label = PROVIDER_INFO[f.provider].label;
  const errors = f.errors ?? {};
  const problems = Object.entries(errors).filter(([, v]) => v) as [string, string][];
  const summary = problems.length
    ? `<div class="resume" role="alert" aria-labelledby="resume-titre">
<h2 id="resume-titre">La connexion n’a pas abouti</h2>
<ul>${problems.map(([k, v]) => `<li><a href="#${k === 'identite' ? 'identite-0' : 'mot-de-passe'}">${esc(v)}</a></li>`).join('')}</ul>
</div>`
    : '';
  const choices = f.identities
    .map((who, i) => {
      const checked = f.chosen === who.subject ? ' checked' : '';
      return `<div class="choix">
<input type="radio" name="identite" id="identite-${i}" value="${esc(who.subject)}"${checked} aria-describedby="identite-${i}-note${errors.identite ? ' identite-erreur' : ''}">
<div><label for="identite-${i}">${esc(who.givenName)} ${esc(who.familyName)} <span class="adresse">${esc(who.email)}</span></label>
<p class="note" id="identite-${i}-note">${esc(who.note)}</p></div>
</div>`;
    })
    .join('\n');
  const body = `<h1>Se connecter avec ${esc(label)}</h1>
<p class="avertissement"><strong>Simulation locale.</strong> En mode démonstration, cette page joue le rôle de ${esc(label)} : aucune donnée ne quitte cette machine. En production, Fabriques redirige vers le vrai service de l’État.</p>
${summary}
<form method="post" action="${esc(f.action)}" novalidate>
<fieldset>
<legend>Choisissez une identité de démonstration</legend>
${errors.identite ? `<p class="erreur" id="identite-erreur">${esc(errors.identite)}</p>` : ''}
${choices}
</fieldset>
<div class="champ">
<label for="mot-de-passe">Mot de passe <span class="aide" id="mot-de-passe-aide">Le même pour toutes les identités de démonstration : <code>${esc(f.demoPassword)}</code></span></label>
${errors.mot_de_passe ? `<p class="erreur" id="mot-de-passe-erreur">${esc(errors.mot_de_passe)}</p>` : ''}
<input type="password" id="mot-de-passe" name="mot_de_passe" autocomplete="current-password" required aria-describedby="mot-de-passe-aide${errors.mot_de_passe ? ' mot-de-passe-erreur' : ''}"${errors.mot_de_passe ? ' aria-invalid="true"' : ''}>
</div>
<div class="actions"><button type="submit" class="principal">Se connecter</button></div>
</form>
<form method="post" action="${esc(f.abortAction)}">
<div class="actions"><button type="submit" class="secondaire">Annuler et revenir à Fabriques</button></div>
</form>`;
  return page(problems.length ? `Erreur : se connecter avec ${label}` : `Se connecter avec ${label}`, body, f.provider);
}

export function errorPage(provider: OidcProviderId | undefined, title: string, message: string, backTo: string, details?: string): string {
  return page(
    title,
    `<h1>${esc(title)}</h1>
<p>${esc(message)}</p>
${details ? `<p class="aide">Détail technique : <code>${esc(details)}</code></p>` : ''}
<p><a href="${esc(backTo)}">Revenir à la page de connexion de Fabriques</a></p>`,
    provider,
  );
}

/** RP-initiated logout: `form` is the provider's hidden form (id op.logoutForm) with its anti-forgery token. */
export function logoutPage(provider: OidcProviderId, form: string): string {
  return page(
    'Se déconnecter',
    `<h1>Se déconnecter de ${esc(PROVIDER_INFO[provider].label)} ?</h1>
${form}
<div class="actions">
<button type="submit" class="principal" form="op.logoutForm" name="logout" value="yes">Oui, me déconnecter</button>
<button type="submit" class="secondaire" form="op.logoutForm">Non, rester connecté</button>
</div>`,
    provider,
  );
}

export function loggedOutPage(provider: OidcProviderId, backTo: string): string {
  return page('Déconnexion réussie', `<h1>Vous êtes déconnecté</h1><p><a href="${esc(backTo)}">Revenir à Fabriques</a></p>`, provider);
}
