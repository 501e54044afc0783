/**
 * Usual names of the jobs of reference/rome.json, as people type them (from the ROME "appellations"),
 * so that "développeur" or "technicien maintenance" find their job although the ROME label says
 * "Études et développement informatique" or "Maintenance informatique et bureautique".
 */
export const JOB_NAMES: Readonly<Record<string, readonly string[]>> = {
  M1801: ['administrateur systèmes', 'administrateur réseaux', 'administrateur base de données', 'ingénieur système', 'sysadmin', 'devops', 'cybersécurité'],
  M1802: ['technicien support', 'technicien helpdesk', 'hotline', 'support utilisateurs', 'assistance informatique', 'technicien informatique', 'expert sécurité informatique'],
  M1803: ['directeur des systèmes d’information', 'DSI', 'responsable informatique'],
  M1804: ['ingénieur réseaux', 'ingénieur télécoms', 'architecte réseaux'],
  M1805: [
    'développeur',
    'développeuse',
    'programmeur',
    'programmeuse',
    'codeur',
    'analyste programmeur',
    'concepteur développeur d’applications',
    'développeur web',
    'développeur mobile',
    'intégrateur web',
    'ingénieur logiciel',
    'testeur logiciel',
    'full stack',
    'front end',
    'back end',
  ],
  M1806: ['consultant fonctionnel', 'chef de projet maîtrise d’ouvrage', 'AMOA', 'business analyst', 'product owner'],
  M1810: ['technicien d’exploitation', 'pilote d’exploitation', 'ingénieur de production', 'administrateur cloud'],
  I1401: ['technicien de maintenance informatique', 'technicien informatique', 'dépanneur informatique', 'réparateur informatique'],
  I1307: ['technicien télécoms', 'technicien fibre optique', 'installateur fibre optique', 'raccordeur fibre', 'câbleur', 'électricien courants faibles', 'technicien réseaux'],
  E1101: ['community manager', 'webmestre', 'webmaster', 'animateur web', 'rédacteur web', 'chargé de référencement'],
  E1104: ['webdesigner', 'web designer', 'designer UX', 'designer UI', 'concepteur multimédia', 'game designer'],
  E1205: ['infographiste', 'graphiste', 'motion designer', 'monteur vidéo', 'animateur 3D', 'intégrateur multimédia', 'illustrateur'],
};
