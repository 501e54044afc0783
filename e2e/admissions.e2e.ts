// Issue 6 in a real browser, on the demo server: the provider sets a session's admission rules, which
// the public training page shows; three new candidates apply; the provider ranks them in the
// interface (reorders, declares one not ranked with a reason, a note) and publishes; the candidate
// sees her waiting place, the operator runs a round from the rounds page, the candidate sees the offer
// with its explanation (the women's rate moved her up) and accepts it; the provider sees the result.
// Also the aid-requests and enrolments pages. Each page passes axe (WCAG 2.1 A/AA).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, openTab, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'demo-fabriques-2026';
const PROVIDER = 'formation@demo.fabriques.fr';
const OPERATOR = 'operateur@demo.fabriques.fr';
/** the new candidates' password */
const CANDIDATE_PASSWORD = 'Voute-numerique-du-Rhone-47';

let browser: Browser;
/** the session of the scenario: recruiting, nobody applied yet, of a training with an active label */
let target: { sessionId: string; trainingId: string; title: string };

const newPage = () => openTab(browser);

async function signIn(page: Page, email: string, back: string, password = PASSWORD) {
  await page.goto(`${baseUrl}/connexion?retour=${encodeURIComponent(back)}`, { waitUntil: 'networkidle' });
  await page.locator('#connexion-email').fill(email);
  await page.locator('#connexion-mot-de-passe').fill(password);
  await page.locator('form').filter({ has: page.locator('#connexion-email') }).getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(`${baseUrl}${back}`);
}

const heading = (page: Page) => page.locator('main h1').first().textContent();
const text = (page: Page, selector = 'main') => page.locator(selector).first().textContent();

/** The API as one person (node side): their session cookie and anti-CSRF token. */
async function apiAs(email: string, password = PASSWORD) {
  const r = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(r.status, `sign-in ${email}`).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(baseUrl + url, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  return { get: (url: string) => call('GET', url), send: call };
}

/** A new candidate: signs up, confirms the address from the demo mailbox, fills the profile. */
async function newCandidate(givenName: string, familyName: string, gender: 'female' | 'male'): Promise<{ email: string; name: string }> {
  const email = `${givenName.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@exemple.fr`;
  const up = await fetch(`${baseUrl}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: CANDIDATE_PASSWORD, givenName, familyName, birthDate: '1990-04-02', acceptTerms: true }),
  });
  expect(up.status, `sign-up ${givenName}: ${await up.clone().text()}`).toBe(202);
  let token: string | undefined;
  for (let i = 0; i < 50 && !token; i++) {
    const mails = (await (await fetch(`${baseUrl}/api/dev/mails?${new URLSearchParams({ to: email })}`)).json()) as { text: string }[];
    token = mails.map((m) => /confirmation-adresse\?jeton=([A-Za-z0-9_-]+)/.exec(m.text)?.[1]).find(Boolean);
    if (!token) await new Promise((r) => setTimeout(r, 200));
  }
  expect(token, `confirmation mail of ${givenName}`).toBeTruthy();
  const confirmed = await fetch(`${baseUrl}/api/auth/confirm-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  expect(confirmed.status).toBe(200);
  const me = await apiAs(email, CANDIDATE_PASSWORD);
  const profile = await me.send('PUT', '/api/candidate/profile', {
    givenName,
    familyName,
    birthDate: '1990-04-02',
    communeCode: '69123',
    gender,
    diplomaLevel: '5',
    situation: 'employed',
    zrr: false,
    consents: { profile: true, health: false, income: false },
  });
  expect(profile.status, JSON.stringify(profile.body)).toBe(200);
  // the self-declared diagnosis gives the criteria the call order reads (here: « femme » for Chloé)
  expect((await me.send('POST', '/api/candidate/diagnosis')).status).toBe(201);
  return { email, name: `${givenName} ${familyName}` };
}

beforeAll(async () => {
  browser = await launch();
  // a recruiting session of the provider, nobody applied yet, of a training whose label is active
  const provider = await apiAs(PROVIDER);
  const sessions = (await provider.get('/api/provider/admissions/sessions')).body as { id: string; status: string; state: string; applications: number; startsOn: string }[];
  const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  for (const s of sessions.filter((x) => x.status === 'recruiting' && x.state === 'draft' && x.applications === 0 && x.startsOn > soon).reverse()) {
    const view = (await provider.get(`/api/provider/sessions/${s.id}/admissions`)).body as { session: { trainingId: string; trainingTitle: string } };
    const training = (await (await fetch(`${baseUrl}/api/trainings/${view.session.trainingId}`)).json()) as { label?: { status: string } };
    if (training.label?.status === 'active') {
      target = { sessionId: s.id, trainingId: view.session.trainingId, title: view.session.trainingTitle };
      break;
    }
  }
  expect(target, 'a recruiting session of the demo provider').toBeTruthy();
});
afterAll(async () => {
  await browser.close();
});

describe('admissions pages', () => {
  it('the provider sets a session’s admission rules, and its training’s public page shows them', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, PROVIDER, '/organisme/admissions');
    await expect.poll(() => heading(page)).toBe('Admissions de mes sessions');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(`main table a[href="/organisme/admissions/${target.sessionId}"]`).click();
    await expect.poll(() => heading(page)).toMatch(/^Admissions de la session : /);
    expect(await axeViolations(page)).toEqual([]);
    // rules: scholarship holders first (20 %), then women (30 %)
    await page.getByRole('button', { name: 'Ajouter un public prioritaire' }).click();
    await page.getByLabel('Public n° 1').selectOption('scholarship');
    await page.getByLabel('Taux minimum (%)').first().fill('20');
    await page.getByRole('button', { name: 'Ajouter un public prioritaire' }).click();
    await page.getByLabel('Public n° 2').selectOption('woman');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await expect.poll(() => text(page, '[role="status"]')).toMatch(/Règles d’admission enregistrées/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admissions-provider-session');

    // the public page of the training: the sessions table links to each session's rules
    await page.goto(`${baseUrl}/formations/${target.trainingId}`, { waitUntil: 'networkidle' });
    const link = page.locator(`main table a[href="#regles-admission-${target.sessionId}"]`);
    await expect.poll(() => link.textContent()).toMatch(/^Règles d’admission de la session du /);
    await link.click();
    const rules = `#regles-admission-${target.sessionId}`;
    await expect.poll(() => text(page, rules)).toMatch(/Public prioritaire n° 1 : Boursier·es.*, au moins 20 % des personnes appelées à chaque rang d’appel/);
    const shown = (await text(page, rules))!;
    expect(shown).toMatch(/Public prioritaire n° 2 : Femmes, au moins 30 %/);
    expect(shown).toMatch(/Cible de propositions : \d+ propositions? en attente ou acceptées au plus pour \d+ places? \(pas de surréservation\)/);
    expect(shown).toMatch(/Pas d’appel en bloc/);
    expect(shown).toMatch(/Réponse attendue sous 3 jours/);
    expect(shown).toMatch(/Classement pas encore publié/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admissions-public-rules');
    expect(errors).toEqual([]);
    await close();
  }, 120_000);

  it('a season: ranking in the interface, waiting place, a round run by the operator, the offer explained and accepted, the provider’s result', async () => {
    // three candidates apply: Chloé, Alice, Bruno (in that order)
    const chloe = await newCandidate('Chloé', 'Moreau', 'female');
    const alice = await newCandidate('Alice', 'Lefèvre', 'female');
    const bruno = await newCandidate('Bruno', 'Garnier', 'male');
    for (const c of [chloe, alice, bruno]) {
      const applied = await (await apiAs(c.email, CANDIDATE_PASSWORD)).send('POST', '/api/candidate/wishes', { sessionId: target.sessionId, motivation: 'Je veux me reconvertir dans le numérique.' });
      expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    }

    // 1. the provider ranks: Alice not ranked (with her reason), Bruno moved above Chloé, a note on Bruno
    const provider = await newPage();
    let page = provider.page;
    await signIn(page, PROVIDER, `/organisme/admissions/${target.sessionId}`);
    await expect.poll(() => page.locator('main ol.app-wish-list > li').count()).toBe(3);
    const rows = () => page.locator('main ol.app-wish-list > li p.fr-text--bold').allTextContents();
    expect(await rows()).toEqual([`Rang 1 : ${chloe.name}`, `Rang 2 : ${alice.name}`, `Rang 3 : ${bruno.name}`]);
    await page.getByLabel(`Non classé·e : ${alice.name}`).check({ force: true }); // DSFR draws the box on its label
    await page.getByLabel(`Motif du non-classement de ${alice.name}`).fill('Prérequis non acquis : bases de programmation à consolider');
    await page.getByRole('button', { name: `Monter ${bruno.name}` }).click();
    expect(await rows()).toEqual([`Rang 1 : ${bruno.name}`, `Rang 2 : ${chloe.name}`, `Non classé·e : ${alice.name}`]);
    await page.locator('main summary').filter({ hasText: `sur ${bruno.name}` }).click();
    await page.getByLabel(`Notes sur ${bruno.name}`, { exact: true }).fill('Entretien très convaincant, projet clair.');
    await page.getByRole('button', { name: 'Enregistrer le classement' }).click();
    await expect.poll(() => text(page, '[role="status"]')).toMatch(/Classement enregistré/);
    expect(await rows()).toEqual([`Rang 1 : ${bruno.name}`, `Rang 2 : ${chloe.name}`, `Non classé·e : ${alice.name}`]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Publier le classement et calculer l’ordre d’appel' }).click();
    await expect.poll(() => text(page, '[role="status"]')).toMatch(/Classement publié : l’ordre d’appel est calculé/);
    // the women's rate (30 %) is not met at call rank 1: Chloé is called first
    await expect.poll(rows).toEqual([`Rang 1 : ${bruno.name} – rang d’appel 2 dans l’ordre publié`, `Rang 2 : ${chloe.name} – rang d’appel 1 dans l’ordre publié`]);
    const closedTable = page.locator('main table').filter({ hasText: 'Candidatures classées, proposées ou closes' });
    await expect.poll(() => closedTable.locator('tbody tr').filter({ hasText: alice.name }).textContent()).toMatch(/non classé·e \(Prérequis non acquis : bases de programmation à consolider\).*Non retenu/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admissions-provider-ranking');

    // 2. Chloé waits: her call rank, her place, no offer yet in the session
    const candidate = await newPage();
    const cpage = candidate.page;
    await signIn(cpage, chloe.email, '/candidat/voeux', CANDIDATE_PASSWORD);
    await expect.poll(() => heading(cpage)).toBe('Mes vœux');
    const offers = cpage.locator('main section[aria-labelledby="propositions"]');
    await expect.poll(() => offers.textContent()).toMatch(/Vœux en liste d’attente/);
    expect(await offers.textContent()).toMatch(/Rang d’appel 1, 1re place sur la liste d’attente ; dans cette session, aucune proposition n’a encore été faite\./);
    expect(await axeViolations(cpage)).toEqual([]);

    // 3. the operator runs a round from the rounds page
    const operator = await newPage();
    await signIn(operator.page, OPERATOR, '/operateur/tours');
    await expect.poll(() => heading(operator.page)).toBe('Tours de propositions');
    expect(await axeViolations(operator.page)).toEqual([]);
    await operator.page.getByRole('button', { name: 'Lancer un tour maintenant' }).click();
    await expect.poll(() => text(operator.page, '[role="status"]'), { timeout: 30_000 }).toMatch(/Tour terminé en [\d,]+ s : \d+ propositions? dans \d+ sessions?/);
    await expect.poll(() => operator.page.locator('main table tbody tr').first().textContent()).toMatch(/à la demande.*terminé/);
    expect(await axeViolations(operator.page)).toEqual([]);
    expect(operator.errors).toEqual([]);
    await operator.close();

    // 4. Chloé sees the offer, why it came at call rank 1, and accepts it
    await cpage.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => offers.textContent()).toMatch(/À répondre avant la date limite/);
    const offer = offers.locator('li.app-offer').filter({ hasText: target.title });
    expect(await offer.textContent()).toMatch(/Répondez avant le .* à 23 h 59/);
    expect(await offer.textContent()).toMatch(/Rang d’appel : 1 \(rang dans le classement de l’organisme : 2\) – appelé·e plus tôt au titre du public prioritaire « Femmes »\./);
    await offer.getByText('Pourquoi ce rang d’appel ?').click();
    await expect
      .poll(() => offer.locator('details').textContent())
      .toMatch(/Rang dans le classement : 2 ; rang d’appel : 1\. Appelé·e avant 1 candidat·e mieux classé·e : au moment de votre appel, le taux minimum « Femmes » n’était pas atteint et vous en faites partie\..*Dernier rang d’appel ayant reçu une proposition dans cette session : 2\./);
    expect(await axeViolations(cpage)).toEqual([]);
    await screenshot(cpage, 'admissions-candidate-offer');
    await offer.getByRole('button', { name: `Accepter la proposition « ${target.title} »` }).click();
    await cpage.getByRole('button', { name: 'Confirmer l’acceptation' }).click();
    await expect.poll(() => offers.locator('.app-offer--accepted').textContent()).toMatch(/Vous avez accepté cette proposition/);
    expect(await offers.locator('.app-offer--accepted').textContent()).toMatch(/Rang d’appel : 1 \(rang dans le classement de l’organisme : 2\)/);
    // the wish below says so too
    await expect.poll(() => text(cpage, 'section[aria-labelledby="voeux-termines"]')).toMatch(/Proposition acceptée/);
    expect(await axeViolations(cpage)).toEqual([]);
    await screenshot(cpage, 'admissions-candidate-accepted');
    expect(candidate.errors).toEqual([]);
    await candidate.close();

    // Bruno's offer tells him who passed him, and under which public
    const brunoView = (await (await apiAs(bruno.email, CANDIDATE_PASSWORD)).get('/api/candidate/admissions')).body;
    const his = brunoView.items.find((x: { sessionId: string }) => x.sessionId === target.sessionId);
    expect(his).toMatchObject({ rank: 1, callRank: 2, offer: { status: 'pending' }, movedBy: [{ name: 'woman', label: 'Femmes', effect: 'later', candidates: 1 }] });
    expect(his.explanation).toMatch(/1 candidat·e classé·e après vous a été appelé·e avant vous pour respecter les taux minimaux de la session \(1 au titre de « Femmes »\)/);
    // Alice's wish is closed with the provider's reason
    const aliceWishes = (await (await apiAs(alice.email, CANDIDATE_PASSWORD)).get('/api/candidate/wishes')).body as { session: { id: string }; status: string }[];
    expect(aliceWishes.find((x) => x.session.id === target.sessionId)).toMatchObject({ status: 'not_ranked' });

    // 5. the provider sees the result: offers out, one accepted, the round in the history
    page = provider.page;
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => text(page, 'main')).toMatch(/Propositions en cours/);
    expect(await text(page, 'main p.fr-text--lead, main .fr-text--lead')).toMatch(/1 prise/);
    const result = page.locator('main table').filter({ hasText: 'Candidatures classées, proposées ou closes' });
    const row = (name: string) => result.locator('tbody tr').filter({ hasText: name }).locator('td').allTextContents();
    expect(await row(chloe.name)).toEqual([chloe.name, '2', '1', 'Femmes', 'Proposition acceptée']);
    expect(await row(bruno.name)).toEqual([bruno.name, '1', '2', '—', 'Proposition reçue']);
    expect((await row(alice.name))[4]).toBe('Non retenu');
    const history = page.locator('main table').filter({ hasText: 'Historique des tours de propositions' });
    const first = await history.locator('tbody tr').first().locator('td').allTextContents();
    expect(first.slice(1)).toEqual(['à la demande', expect.stringMatching(/^\d+$/), '0', first[4]!, '2', '0', '2']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admissions-provider-result');
    expect(provider.errors).toEqual([]);
    await provider.close();

    // the public page now says the ranking is published
    const visitor = await newPage();
    await visitor.page.goto(`${baseUrl}/formations/${target.trainingId}`, { waitUntil: 'networkidle' });
    await expect.poll(() => text(visitor.page, `#regles-admission-${target.sessionId}`)).toMatch(/Classement publié : l’ordre d’appel est calculé\./);
    await visitor.close();
  }, 400_000);

  it('the operator’s aid requests page', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, OPERATOR, '/operateur/aides');
    await expect.poll(() => heading(page)).toBe('Demandes d’aide Grande École du Numérique');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the learner’s enrolments page explains what comes next', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'candidate@demo.fabriques.fr', '/apprenant/inscriptions');
    await expect.poll(() => heading(page)).toBe('Mes inscriptions et l’aide GEN');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Aucune inscription pour le moment/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
