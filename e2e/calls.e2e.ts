// The whole story of a call, in the browser: the operator publishes a call; a provider files a
// proposal with two trainings; two reviewers score it; the operator accepts one training and rejects
// the other with a motive; the accepted training is on the public map with its label; the evidence
// of tranche 1 is approved and the tranche paid; its label suspended then reinstated. The main pages
// pass axe (WCAG 2.1 A/AA).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launch, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'demo-fabriques-2026';
const OPERATOR = 'operateur@demo.fabriques.fr';
const PROVIDER = 'formation@demo.fabriques.fr';
const REVIEWER = 'instructeur@demo.fabriques.fr';
const REVIEWER2 = 'relectrice.appels@exemple.fr';
const REVIEWER2_PASSWORD = 'une relecture attentive des dossiers';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const CALL_TITLE = `Appel à labellisation – vague de test ${Date.now().toString(36)}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
let callId = '';
let proposalId = '';
let acceptedTrainingId = '';

beforeAll(async () => {
  browser = await launch();
  await inviteSecondReviewer();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

/** Signs in through /connexion (lands on /compte). */
async function signIn(email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await newPage();
  await page.goto(`${baseUrl}/connexion`, { waitUntil: 'networkidle' });
  await page.locator('#connexion-email').fill(email);
  await page.locator('#connexion-mot-de-passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(/\/compte$/);
  return page;
}

async function go(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  await expect.poll(() => page.locator('main h1').first().textContent(), { timeout: 15_000 }).toMatch(heading);
}

async function axe(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await axeViolations(page), name).toEqual([]);
  await screenshot(page, name);
}

async function mailText(to: string, kind: RegExp): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mails = (await (await fetch(`${baseUrl}/api/dev/mails?${new URLSearchParams({ to })}`)).json()) as { text: string; subject: string }[];
    const found = mails.find((m) => kind.test(m.subject));
    if (found) return found.text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail ${kind} for ${to}`);
}

/** A second reviewer, invited by the operator through the API, who creates an account from the link. */
async function inviteSecondReviewer(): Promise<void> {
  const r = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OPERATOR, password: DEMO_PASSWORD }) });
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const account = (await r.json()) as { csrfToken: string; memberships: { organisationId: string }[] };
  const inv = await fetch(`${baseUrl}/api/organisations/${account.memberships[0]!.organisationId}/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': account.csrfToken },
    body: JSON.stringify({ email: REVIEWER2, role: 'reviewer', isAdmin: false }),
  });
  expect(inv.status).toBe(201);
  const token = /jeton=([A-Za-z0-9_-]+)/.exec(await mailText(REVIEWER2, /Invitation/))![1]!;
  const accepted = await fetch(`${baseUrl}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, account: { givenName: 'Rachida', familyName: 'Morel', password: REVIEWER2_PASSWORD, birthDate: '1984-02-03' } }),
  });
  expect(accepted.status, await accepted.clone().text()).toBe(200);
}

async function fillTraining(page: Page, i: number, t: { title: string; womenPct: string; requested: string }): Promise<void> {
  const f = (name: string) => page.locator(`#f-trainings-${i}-${name}`);
  await f('title').fill(t.title);
  await f('summary').fill('Une formation intensive au développement web, ouverte sans diplôme, en lien avec les employeurs du bassin lyonnais.');
  await f('objectives').fill('Concevoir, développer et déployer des applications web accessibles.');
  await f('prerequisites').fill('Aucun');
  await f('romeCodes').fill('M1805');
  await f('formacodes').fill('31054');
  await f('certificationCode').fill('RNCP37674');
  await f('certificationTitle').fill('Développeur web et web mobile');
  await f('certificationLevel').selectOption('5');
  await f('modality').selectOption('presentiel');
  await f('durationMonths').fill('7');
  await f('durationHours').fill('900');
  await f('communeCode').fill('Lyon');
  await page.getByRole('option', { name: /^Lyon\b/ }).first().click();
  await f('address').fill('12 rue de la République');
  await f('postalCode').fill('69002');
  await f('seatsPerSession').fill('14');
  await f('sessionsPerYear').fill('2');
  await f('contactEmail').fill('contact@fabrique.example');
  await page.locator(`#f-trainings-${i}-isFree-oui`).check({ force: true });
  await f('commitments-womenPct').fill(t.womenPct);
  await f('commitments-neetPct').fill('60');
  await f('commitments-qpvPct').fill('25');
  await f('commitments-lowQualifiedJobSeekersPerSession').fill('10');
  await f('commitments-freeForJobSeekers').check({ force: true });
  await f('budget-totalCents').fill('80000');
  await f('budget-requestedCents').fill(t.requested);
  await f('budget-regionCents').fill(String(80000 - Number(t.requested) - 5000));
  await f('budget-privateCents').fill('5000');
  await f('budget-ownCents').fill('0');
}

describe('a call, from publication to the payment of a tranche', { timeout: 150_000 }, () => {
  it('the operator creates and publishes a call; its public page passes axe', async () => {
    const op = await signIn(OPERATOR);
    await go(op, '/operateur/appels/nouveau', 'Nouvel appel');
    await op.locator('#f-title').fill(CALL_TITLE);
    await op.locator('#f-summary').fill('Labelliser et financer des formations courtes au numérique pour les publics éloignés de l’emploi.');
    // the funder, an engagement and a criterion added empty: the server refuses them field by field
    await op.locator('#f-funderId').selectOption({ label: 'Région Auvergne-Rhône-Alpes' });
    await op.getByRole('button', { name: 'Ajouter un engagement' }).click();
    await op.getByRole('button', { name: 'Ajouter un critère' }).click();
    await axe(op, 'calls-editor');
    await op.getByRole('button', { name: 'Créer l’appel (brouillon)' }).click();
    await op.locator('#f-form-eligibility-declarations-1-label-error').waitFor();
    await op.locator('#f-form-grid-5-label-error').waitFor();
    expect(await op.getByRole('alert').filter({ hasText: 'Certains champs sont à corriger' }).textContent()).toMatch(/Engagement/);
    expect(await op.locator('#f-form-eligibility-declarations-1-label').getAttribute('aria-invalid')).toBe('true');
    await op.getByRole('button', { name: /^Retirer le critère 6/ }).click();
    await op.getByRole('button', { name: 'Retirer l’engagement 2' }).click();
    await op.getByRole('button', { name: 'Créer l’appel (brouillon)' }).click();
    await op.waitForURL(/\/operateur\/appels\/[0-9a-f-]{36}$/);
    callId = op.url().split('/').pop()!;
    const created = await op.evaluate(async (id) => (await fetch(`/api/calls/${id}`)).json(), callId);
    expect(created).toMatchObject({ funderName: 'Région Auvergne-Rhône-Alpes', form: { grid: { length: 5 }, eligibility: { declarations: { length: 1 } } } });
    await op.getByRole('button', { name: 'Publier et ouvrir l’appel' }).click();
    await op.getByText('L’appel est maintenant « ouvert ».').waitFor();

    const visitor = await newPage();
    await go(visitor, `/appels/${callId}`, CALL_TITLE);
    expect(await visitor.locator('main').textContent()).toContain('Grille de notation');
    await axe(visitor, 'calls-public');
    await go(visitor, '/appels', 'Appels à projets');
    await visitor.getByRole('link', { name: CALL_TITLE }).waitFor();
  });

  it('a provider files a proposal with two trainings: what is missing is listed, then it is submitted', async () => {
    const p = await signIn(PROVIDER);
    await go(p, `/appels/${callId}`, CALL_TITLE);
    await p.locator('#f-title').fill('Fabrique numérique de la Guillotière');
    await p.getByRole('button', { name: 'Commencer un dossier' }).click();
    await p.waitForURL(/\/organisme\/dossiers\/[0-9a-f-]{36}$/);
    proposalId = p.url().split('/').pop()!;
    await p.getByRole('heading', { name: 'Ce qu’il reste à compléter avant le dépôt' }).waitFor();
    await axe(p, 'calls-proposal-draft');

    await p.locator('#f-summary').fill('Une fabrique ancrée dans le quartier, avec des employeurs partenaires engagés dans le recrutement.');
    await p.getByRole('button', { name: 'Ajouter une formation' }).click();
    await fillTraining(p, 0, { title: 'Développeur·se web – Guillotière', womenPct: '40', requested: '60000' });
    await p.getByRole('button', { name: 'Ajouter une formation' }).click();
    await fillTraining(p, 1, { title: 'Technicien·ne support – Guillotière', womenPct: '20', requested: '50000' });
    await p.getByRole('button', { name: 'Ajouter un partenaire' }).click();
    await p.locator('#f-partners-0-name').fill('Numérique Rhône SAS');
    await p.locator('#f-partners-0-internships').fill('6');
    await p.locator('#f-partners-0-hires').fill('4');
    await p.locator('#f-declarations-open_without_diploma').check({ force: true });
    await p.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await p.getByText(/Brouillon enregistré à/).waitFor();
    // the commitment under the label threshold is shown at once
    await p.getByRole('heading', { name: 'Engagements sous les seuils du label' }).waitFor();
    expect(await p.locator('main').textContent()).toContain('20 % de femmes, sous le seuil du label (30 %)');

    // submitting without the budget PDF: refused, what is missing is listed and focused
    await p.getByRole('button', { name: 'Déposer le dossier' }).click();
    const refusal = p.getByRole('alert').filter({ hasText: 'Le dépôt n’a pas abouti' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/budget prévisionnel détaillé/i);

    await p.locator('#f-attachment-kind').selectOption('budget');
    await p.locator('#f-attachments-budget').setInputFiles({ name: 'budget-previsionnel.pdf', mimeType: 'application/pdf', buffer: PDF });
    await p.getByRole('button', { name: 'Joindre le fichier' }).click();
    await p.getByText('« budget-previsionnel.pdf » est joint au dossier.').waitFor();
    await p.getByRole('button', { name: 'Déposer le dossier' }).click();
    await p.getByText(/il ne se modifie plus/).waitFor();
    expect(await p.locator('main').textContent()).toContain('Déposé');
    await axe(p, 'calls-proposal-filed');
    expect(await mailText(PROVIDER, /Accusé de réception/)).toContain('Fabrique numérique de la Guillotière');
  });

  it('the operator closes the call and gives the proposal two reviewers', async () => {
    const op = await signIn(OPERATOR);
    await go(op, `/operateur/appels/${callId}`, CALL_TITLE);
    await op.getByRole('button', { name: 'Clore les dépôts' }).click();
    await op.getByText('L’appel est maintenant « clos ».').waitFor();
    await go(op, `/operateur/appels/${callId}/instruction`, 'Instructeur·rices des dossiers');
    const form = op.locator('form', { has: op.getByRole('heading', { name: /Fabrique numérique de la Guillotière/ }) });
    await form.getByLabel('Idriss Nguyen').check({ force: true });
    await form.getByLabel('Rachida Morel').check({ force: true });
    await axe(op, 'calls-assignment');
    await form.getByRole('button', { name: /Confier le dossier/ }).click();
    await op.getByText(/Instructeur·rices enregistré·es/).waitFor();
    expect(await mailText(REVIEWER2, /Un dossier vous est confié/)).toContain('/instruction/');
  });

  it('two reviewers score it; each sees the other’s scores only after submitting', async () => {
    const scoreAll = async (page: Page, n: number) => {
      for (const code of ['local_roots', 'content', 'publics', 'partnerships', 'job_prospects']) {
        await page.locator(`#note-${code}-${n}`).check({ force: true });
        await page.locator(`#f-score-${code}-comment`).fill(`Note ${n} : argumentée au regard du dossier.`);
      }
      await page.getByRole('button', { name: 'Remettre mon évaluation' }).click();
      await page.getByText(/Votre évaluation est remise/).waitFor();
    };
    const r1 = await signIn(REVIEWER);
    await go(r1, '/instruction', 'Dossiers à évaluer');
    await r1.getByRole('link', { name: 'Fabrique numérique de la Guillotière' }).click();
    await expect.poll(() => r1.locator('main h1').first().textContent()).toMatch(/Évaluation/);
    await r1.getByText('Les notes des autres instructeur·rices s’afficheront quand vous aurez remis votre évaluation.').waitFor();
    await axe(r1, 'calls-review');
    await scoreAll(r1, 4);

    const r2 = await signIn(REVIEWER2, REVIEWER2_PASSWORD);
    await go(r2, `/instruction/${proposalId}`, /Évaluation/);
    await r2.getByText('Les notes des autres instructeur·rices s’afficheront quand vous aurez remis votre évaluation.').waitFor();
    await scoreAll(r2, 3);
    await r2.getByRole('table', { name: 'Évaluations des autres instructeur·rices' }).waitFor();
    expect(await r2.getByRole('table', { name: 'Évaluations des autres instructeur·rices' }).textContent()).toContain('4,00 / 5');
  });

  it('the operator ranks in committee, accepts one training and rejects the other with a motive', async () => {
    const op = await signIn(OPERATOR);
    await go(op, `/operateur/appels/${callId}`, CALL_TITLE);
    await op.getByRole('button', { name: 'Passer en instruction' }).click();
    await op.getByText('L’appel est maintenant « en instruction ».').waitFor();
    await go(op, `/operateur/appels/${callId}/comite`, /^Comité/);
    const table = op.getByRole('table', { name: 'Classement des dossiers par note moyenne pondérée' });
    expect(await table.textContent()).toContain('3,50 / 5');
    await axe(op, 'calls-committee');
    await table.getByRole('link', { name: 'Fabrique numérique de la Guillotière' }).click();
    await expect.poll(() => op.locator('main h1').first().textContent()).toMatch(/^Décision/);
    await axe(op, 'calls-decision');

    await op.getByLabel('Accepter « Développeur·se web – Guillotière »').check({ force: true });
    await op.getByRole('button', { name: /Enregistrer la décision sur « Développeur·se web – Guillotière »/ }).click();
    await op.getByText(/Acceptée/).first().waitFor();
    // a rejection without a motive is refused, field by field
    await op.getByLabel('Refuser « Technicien·ne support – Guillotière »').check({ force: true });
    await op.getByRole('button', { name: /Enregistrer la décision sur « Technicien·ne support – Guillotière »/ }).click();
    await op.locator('.fr-error-text', { hasText: 'Indiquez le motif du refus' }).waitFor();
    await op.getByLabel('Motif de la décision sur « Technicien·ne support – Guillotière »').fill('La part de femmes visée (20 %) est sous le seuil du label.');
    await op.getByRole('button', { name: /Enregistrer la décision sur « Technicien·ne support – Guillotière »/ }).click();
    await op.getByText('Décidé', { exact: true }).first().waitFor();
    const decision = await mailText(PROVIDER, /Décision sur votre dossier/);
    expect(decision).toContain('Motif : La part de femmes visée (20 %) est sous le seuil du label.');
    const link = op.getByRole('link', { name: 'page publique' }).first();
    acceptedTrainingId = (await link.getAttribute('href'))!.split('/').pop()!;
  });

  it('the accepted training is public, with its label, and on the map', async () => {
    const v = await newPage();
    await go(v, `/formations/${acceptedTrainingId}`, 'Développeur·se web – Guillotière');
    expect(await v.locator('main').textContent()).toMatch(/label/i);
    const detail = await (await fetch(`${baseUrl}/api/trainings/${acceptedTrainingId}`)).json();
    expect(detail.label.status).toBe('active');
    await v.goto(`${baseUrl}/carte?formation=${acceptedTrainingId}`, { waitUntil: 'networkidle' });
    const popup = v.locator('.leaflet-popup');
    await popup.waitFor({ timeout: 20_000 });
    expect(await popup.textContent()).toContain('Développeur·se web – Guillotière');
    await screenshot(v, 'calls-training-on-map');
    // the rejected one is not
    const rejected = await (await fetch(`${baseUrl}/api/trainings?q=${encodeURIComponent('Technicien·ne support – Guillotière')}`)).json();
    expect(rejected.results.some((r: { title: string }) => r.title === 'Technicien·ne support – Guillotière')).toBe(false);
  });

  it('the provider uploads and transmits the evidence of tranche 1', async () => {
    const p = await signIn(PROVIDER);
    await go(p, '/organisme/conventions', 'Conventions et versements');
    await p.getByRole('link', { name: 'Développeur·se web – Guillotière' }).click();
    await expect.poll(() => p.locator('main h1').first().textContent()).toMatch(/^Convention :/);
    expect(await p.locator('main').textContent()).toMatch(/30\s000\s€/);
    await p.locator(`[id^="f-file-"]`).first().setInputFiles({ name: 'emargement.pdf', mimeType: 'application/pdf', buffer: PDF });
    await p.getByRole('button', { name: 'Déposer le justificatif du versement 1' }).click();
    await p.getByText('« emargement.pdf » est déposé.').waitFor();
    await axe(p, 'calls-grant-provider');
    await p.getByRole('button', { name: 'Transmettre les justificatifs du versement 1' }).click();
    await p.getByText('Justificatifs transmis à l’opérateur.').waitFor();
  });

  it('the operator approves the evidence of tranche 1, then pays it; committed vs paid per call', async () => {
    const op = await signIn(OPERATOR);
    await go(op, '/operateur/conventions', 'Conventions et versements');
    await axe(op, 'calls-finance');
    await op.getByRole('link', { name: 'Développeur·se web – Guillotière' }).click();
    await expect.poll(() => op.locator('main h1').first().textContent()).toMatch(/^Convention :/);
    // tranche 2 has no evidence: nothing to pay
    expect(await op.locator('main').textContent()).toContain('ce versement ne peut pas être payé');
    await op.getByRole('button', { name: 'Approuver les justificatifs du versement 1' }).click();
    await op.getByText('Justificatifs approuvés.').waitFor();
    await op.getByLabel('Référence du paiement (versement 1)').fill('VIR-2026-0001');
    await op.getByRole('button', { name: 'Marquer le versement 1 payé' }).click();
    await op.getByText('Versement marqué payé.').waitFor();
    await op.getByText(/référence VIR-2026-0001/).waitFor();
    await axe(op, 'calls-grant-paid');
    const summary = await op.evaluate(async () => (await fetch('/api/grants/summary')).json());
    expect(summary.total.paidCents).toBeGreaterThanOrEqual(3_000_000);
    expect(errors).toEqual([]);
  });

  it('the operator suspends the label (its page says why), then reinstates it; the provider sees its labels', async () => {
    const op = await signIn(OPERATOR);
    await go(op, '/operateur/labels', 'Labels des formations');
    await op.locator('#f-labels-q').fill('Développeur·se web – Guillotière');
    await op.getByRole('button', { name: 'Filtrer' }).click();
    await op.getByText('1 label', { exact: true }).waitFor();
    await op.getByLabel('Action sur « Développeur·se web – Guillotière »').selectOption('suspended');
    await op.getByLabel('Motif (affiché sur la page de la formation)').fill('Contrôle des effectifs en cours.');
    await axe(op, 'calls-labels');
    await op.getByRole('button', { name: 'Appliquer à « Développeur·se web – Guillotière »' }).click();
    await op.getByText(/^Label suspendu : 0 session ouverte gelée/).waitFor();

    const v = await newPage();
    await go(v, `/formations/${acceptedTrainingId}`, 'Développeur·se web – Guillotière');
    await v.getByRole('heading', { name: 'Le label de cette formation est suspendu' }).waitFor();
    expect(await v.locator('main').textContent()).toMatch(/Motif\s:\sContrôle des effectifs en cours./);

    await op.getByLabel('Action sur « Développeur·se web – Guillotière »').selectOption('active');
    await op.getByLabel('Motif (affiché sur la page de la formation)').fill('Contrôle levé.');
    await op.getByRole('button', { name: 'Appliquer à « Développeur·se web – Guillotière »' }).click();
    await op.getByText(/^Label rétabli/).waitFor();
    expect((await (await fetch(`${baseUrl}/api/trainings/${acceptedTrainingId}`)).json()).label).toMatchObject({ status: 'active', statusReason: null });

    const p = await signIn(PROVIDER);
    await go(p, '/organisme/labels', 'Labels de mes formations');
    const row = p.getByRole('row', { name: /Développeur·se web – Guillotière/ });
    expect(await row.textContent()).toMatch(/Actif.*Le renouvellement s’ouvre six mois avant la fin de validité/);
    await axe(p, 'calls-provider-labels');
    expect(errors).toEqual([]);
  });
});
