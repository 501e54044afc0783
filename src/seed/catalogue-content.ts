import type { Rng } from './prng.ts';

/**
 * The trainings of the demo catalogue: digital jobs of the GEN, each mapped to ROME codes (all in
 * reference/rome.json), Formacodes and an RNCP certification with its level. Codes marked
 * "checked" were read on the France compétences RNCP sheet; the others are plausible stand-ins.
 */
export interface TrainingTemplate {
  key: string;
  title: string;
  /** optional endings appended to the title now and then */
  titleVariants: readonly string[];
  romeCodes: readonly string[];
  formacodes: readonly string[];
  certification: { code: string; title: string; level: number };
  /** usual length in months, inclusive */
  months: readonly [number, number];
  /** relative frequency in the network */
  weight: number;
  summary: string;
  /** what the learner will be able to do (infinitive clauses) */
  skills: readonly string[];
  /** prerequisite specific to the job, if any */
  prerequisite?: string;
}

export const TRAINING_TEMPLATES: readonly TrainingTemplate[] = [
  {
    key: 'dwwm',
    title: 'Développeur·se web et web mobile',
    titleVariants: [' – parcours intensif', ' – spécialité JavaScript', ' – en alternance'],
    romeCodes: ['M1805'],
    formacodes: ['31090', '31088', '31089'],
    certification: { code: 'RNCP37674', title: 'Titre professionnel Développeur web et web mobile', level: 5 }, // checked
    months: [7, 12],
    weight: 16,
    summary: 'Apprenez à créer des sites et des applications web accessibles, du maquettage à la mise en ligne.',
    skills: [
      'maquetter une interface et la rendre accessible',
      'développer des pages web dynamiques en HTML, CSS et JavaScript',
      'concevoir une base de données relationnelle',
      'développer la partie serveur d’une application web',
      'travailler en équipe avec Git et les méthodes agiles',
    ],
  },
  {
    key: 'cda',
    title: 'Concepteur·rice développeur·se d’applications',
    titleVariants: [' – en alternance', ' – parcours Java', ' – parcours PHP/Symfony'],
    romeCodes: ['M1805', 'M1806'],
    formacodes: ['31067', '31036', '31006'],
    certification: { code: 'RNCP37873', title: 'Titre professionnel Concepteur développeur d’applications', level: 6 }, // checked
    months: [12, 24],
    weight: 8,
    summary: 'Concevez et développez des applications sécurisées, de l’analyse du besoin au déploiement.',
    skills: [
      'analyser un cahier des charges et rédiger un dossier de conception',
      'développer une application en couches, sécurisée selon les recommandations de l’ANSSI',
      'concevoir et administrer une base de données',
      'tester, déployer et maintenir une application',
    ],
    prerequisite: 'Une première pratique de la programmation (autoformation, projet personnel ou formation courte) est appréciée.',
  },
  {
    key: 'tai',
    title: 'Technicien·ne d’assistance informatique',
    titleVariants: [' – support et dépannage', ' – en alternance'],
    romeCodes: ['I1401', 'M1810'],
    formacodes: ['31051', '31081', '24231'],
    certification: { code: 'RNCP37681', title: 'Titre professionnel Technicien d’assistance en informatique', level: 4 }, // checked
    months: [6, 9],
    weight: 10,
    summary: 'Devenez le premier contact des utilisateurs : installer, dépanner et sécuriser les postes de travail et les réseaux.',
    skills: [
      'installer et configurer des postes de travail et des équipements mobiles',
      'diagnostiquer et résoudre des incidents matériels et logiciels',
      'intervenir sur un réseau local et des services hébergés dans le cloud',
      'accompagner les utilisateurs aux bons usages de la sécurité informatique',
    ],
  },
  {
    key: 'ais',
    title: 'Administrateur·rice d’infrastructures sécurisées',
    titleVariants: [' – option cybersécurité', ' – en alternance'],
    romeCodes: ['M1801', 'M1810'],
    formacodes: ['31034', '31006', '24273', '31015'],
    certification: { code: 'RNCP37680', title: 'Titre professionnel Administrateur d’infrastructures sécurisées', level: 6 }, // checked
    months: [12, 18],
    weight: 5,
    summary: 'Administrez et sécurisez les réseaux, serveurs et services cloud d’une organisation.',
    skills: [
      'administrer des serveurs Linux et Windows et des plateformes de virtualisation',
      'sécuriser les réseaux et superviser l’infrastructure',
      'répondre à un incident de cybersécurité',
      'concevoir une évolution d’infrastructure et la présenter aux décideurs',
    ],
    prerequisite: 'Des bases en systèmes et réseaux sont nécessaires (expérience de technicien·ne ou formation préalable).',
  },
  {
    key: 'tsr',
    title: 'Technicien·ne systèmes et réseaux',
    titleVariants: [' – en alternance'],
    romeCodes: ['M1810', 'M1801', 'I1401'],
    formacodes: ['24220', '31034', '31006'],
    certification: { code: 'RNCP36501', title: 'Technicien systèmes et réseaux', level: 5 }, // checked
    months: [9, 12],
    weight: 5,
    summary: 'Installez, exploitez et maintenez les serveurs et le réseau d’une entreprise.',
    skills: [
      'déployer des postes clients et des serveurs',
      'configurer les principaux services réseau',
      'automatiser des tâches d’administration par des scripts',
      'gérer les sauvegardes et les droits d’accès',
    ],
  },
  {
    key: 'tech-parc',
    title: 'Technicien·ne informatique',
    titleVariants: [' – gestion de parc'],
    romeCodes: ['I1401', 'M1810'],
    formacodes: ['31051', '31032', '24220'],
    certification: { code: 'RNCP36716', title: 'Technicien informatique', level: 5 }, // checked
    months: [6, 12],
    weight: 3,
    summary: 'Gérez et maintenez le parc informatique d’une organisation et accompagnez ses utilisateurs.',
    skills: [
      'installer et paramétrer les composants d’un parc informatique',
      'maintenir le parc en conditions opérationnelles et de sécurité',
      'traiter les demandes des utilisateurs',
    ],
  },
  {
    key: 'asrs',
    title: 'Administrateur·rice systèmes, réseaux et sécurité',
    titleVariants: [' – en alternance'],
    romeCodes: ['M1801', 'M1810'],
    formacodes: ['31034', '31032', '31006', '24231'],
    certification: { code: 'RNCP40356', title: 'Administrateur systèmes, réseaux et sécurité', level: 6 }, // checked
    months: [12, 18],
    weight: 3,
    summary: 'Faites évoluer un système d’information performant et sûr, de sa conception à son exploitation.',
    skills: [
      'concevoir une architecture système et réseau',
      'administrer et superviser les systèmes',
      'mettre en œuvre une politique de sécurité',
    ],
    prerequisite: 'Des bases en informatique sont attendues ; un test de positionnement est proposé.',
  },
  {
    key: 'data',
    title: 'Data analyst',
    titleVariants: [' – parcours intensif', ' – spécialité Python'],
    romeCodes: ['M1805', 'M1806'],
    formacodes: ['31036', '31054'],
    certification: { code: 'RNCP37429', title: 'Data analyst', level: 6 },
    months: [6, 12],
    weight: 5,
    summary: 'Transformez les données en décisions : collecter, nettoyer, analyser et présenter des données.',
    skills: [
      'interroger des bases de données en SQL',
      'nettoyer et analyser des données avec Python',
      'construire des tableaux de bord',
      'présenter des résultats à des publics non spécialistes',
    ],
    prerequisite: 'Le goût des chiffres et de la logique ; un test de raisonnement fait partie de la sélection.',
  },
  {
    key: 'integrateur',
    title: 'Intégrateur·rice web',
    titleVariants: [' – accessibilité numérique', ' – parcours court'],
    romeCodes: ['M1805', 'E1205'],
    formacodes: ['31090', '46270'],
    certification: { code: 'RNCP37674', title: 'Titre professionnel Développeur web et web mobile', level: 5 }, // checked
    months: [6, 9],
    weight: 5,
    summary: 'Donnez vie aux maquettes : des pages web conformes, responsives et accessibles à tous.',
    skills: [
      'intégrer une maquette en HTML et CSS',
      'rendre un site conforme au référentiel d’accessibilité RGAA',
      'dynamiser une interface en JavaScript',
      'publier et maintenir un site avec un CMS',
    ],
  },
  {
    key: 'cm',
    title: 'Community manager',
    titleVariants: [' – communication numérique', ' – réseaux sociaux et e-réputation'],
    romeCodes: ['E1101'],
    formacodes: ['46252', '46347', '34093'],
    certification: { code: 'RNCP38138', title: 'Community manager', level: 6 }, // checked
    months: [4, 8],
    weight: 4,
    summary: 'Animez les communautés en ligne d’une marque, d’une collectivité ou d’une association.',
    skills: [
      'définir une stratégie de présence sur les réseaux sociaux',
      'créer des contenus textes, images et vidéos',
      'animer et modérer une communauté',
      'mesurer l’audience et rendre compte des actions',
    ],
  },
  {
    key: 'fibre-tech',
    title: 'Technicien·ne réseaux et fibre optique',
    titleVariants: [' – très haut débit', ' – FTTH'],
    romeCodes: ['I1307'],
    formacodes: ['22892'],
    certification: { code: 'RNCP37336', title: 'Technicien réseaux et services très haut débit', level: 4 }, // checked
    months: [3, 6],
    weight: 5,
    summary: 'Déployez la fibre optique jusqu’à l’abonné·e : raccordement, mise en service et maintenance.',
    skills: [
      'préparer et sécuriser une intervention sur chantier',
      'déployer un réseau FTTH en souterrain et en aérien',
      'raccorder un client et mettre en service ses équipements',
      'contrôler et maintenir un réseau optique',
    ],
    prerequisite: 'Ne pas avoir le vertige (travail en hauteur) ; le permis B est un plus.',
  },
  {
    key: 'fibre-raccordeur',
    title: 'Câbleur·se raccordeur·se fibre optique',
    titleVariants: [' – FTTH'],
    romeCodes: ['I1307'],
    formacodes: ['22892'],
    certification: { code: 'RNCP36873', title: 'Câbleur raccordeur réseaux fibre optique et FTTH', level: 3 }, // checked
    months: [3, 4],
    weight: 3,
    summary: 'Un métier recherché partout en France : tirer, souder et raccorder la fibre optique.',
    skills: ['tirer et poser des câbles optiques', 'réaliser des soudures et des raccordements', 'mesurer et recetter une liaison optique'],
    prerequisite: 'Ne pas avoir le vertige (travail en hauteur).',
  },
  {
    key: 'ux',
    title: 'Designer UX/UI',
    titleVariants: [' – design d’interfaces', ' – éco-conception'],
    romeCodes: ['E1205', 'E1104'],
    formacodes: ['46270', '46262'],
    certification: { code: 'RNCP35634', title: 'Titre professionnel Concepteur designer UI', level: 6 },
    months: [8, 12],
    weight: 4,
    summary: 'Concevez des interfaces utiles, simples et accessibles, en partant des besoins des utilisateurs.',
    skills: [
      'mener des entretiens et des tests utilisateurs',
      'concevoir des parcours et des maquettes interactives',
      'construire un système de design accessible',
      'collaborer avec les équipes de développement',
    ],
  },
  {
    key: 'mediation',
    title: 'Référent·e numérique / médiateur·rice numérique',
    titleVariants: [' – inclusion numérique', ''],
    romeCodes: ['E1101', 'I1401'],
    formacodes: ['46354', '31054'],
    certification: { code: 'RNCP34011', title: 'Titre professionnel Médiateur numérique', level: 5 },
    months: [6, 9],
    weight: 6,
    summary: 'Accompagnez chacun·e vers l’autonomie numérique : démarches en ligne, outils du quotidien, usages sûrs.',
    skills: [
      'accueillir le public et évaluer son autonomie numérique',
      'concevoir et animer des ateliers collectifs',
      'accompagner les démarches administratives en ligne',
      'travailler en réseau avec les acteurs de l’inclusion du territoire',
    ],
  },
  {
    key: 'cdsi',
    title: 'Concepteur·rice développeur·se de solutions informatiques',
    titleVariants: [' – pédagogie par les pairs'],
    romeCodes: ['M1805'],
    formacodes: ['31088', '31057'],
    certification: { code: 'RNCP36135', title: 'Concepteur développeur de solutions informatiques', level: 6 }, // checked
    months: [12, 24],
    weight: 3,
    summary: 'Une formation par projets et par les pairs, sans cours magistraux, pour devenir développeur·se.',
    skills: ['réaliser l’analyse technique d’un besoin', 'développer une application web ou un logiciel', 'tester et mettre en production'],
  },
  {
    key: 'dcl',
    title: 'Développeur·se concepteur·rice logiciel',
    titleVariants: [' – applications mobiles'],
    romeCodes: ['M1805'],
    formacodes: ['31090', '31089', '31097'],
    certification: { code: 'RNCP38038', title: 'Développeur concepteur logiciel', level: 6 }, // checked
    months: [12, 18],
    weight: 2,
    summary: 'Concevez, développez et faites évoluer des applications web, mobiles ou logicielles.',
    skills: ['modéliser une solution informatique', 'développer des interfaces et des services', 'assurer la qualité et la maintenance'],
  },
  {
    key: 'secdev',
    title: 'Expert·e en sécurité des développements informatiques',
    titleVariants: [''],
    romeCodes: ['M1801', 'M1802'],
    formacodes: ['31006', '31054', '31067'],
    certification: { code: 'RNCP37173', title: 'Expert en sécurité des développements informatiques', level: 7 }, // checked
    months: [12, 24],
    weight: 1,
    summary: 'Auditez et sécurisez les applications, de leur conception à leur maintenance.',
    skills: ['auditer la sécurité d’une application', 'définir une politique de développement sécurisé', 'piloter la remédiation des vulnérabilités'],
    prerequisite: 'Une expérience du développement ou une certification de niveau 6 en informatique est nécessaire.',
  },
  {
    key: 'cyber',
    title: 'Expert·e en cybersécurité',
    titleVariants: [''],
    romeCodes: ['M1801', 'M1802'],
    formacodes: ['31006'],
    certification: { code: 'RNCP39837', title: 'Expert en cybersécurité', level: 7 }, // checked
    months: [12, 24],
    weight: 1,
    summary: 'Analysez les risques, concevez les défenses et gérez les incidents de sécurité d’une organisation.',
    skills: ['réaliser une analyse de risque', 'concevoir et maintenir un système d’information sécurisé', 'gérer un incident ou une crise de sécurité'],
    prerequisite: 'Une expérience en informatique (systèmes, réseaux ou développement) est nécessaire.',
  },
];

const PEDAGOGY = [
  'La pédagogie est active : projets concrets en équipe, ateliers pratiques et un·e formateur·rice référent·e pour chacun·e.',
  'On apprend en faisant : chaque période s’appuie sur un projet réel proposé par une entreprise ou une association partenaire.',
  'Le parcours alterne travail en groupe, autoformation guidée et mises en situation professionnelle.',
  'Une période en entreprise de {weeks} semaines permet de mettre en pratique les compétences acquises.',
  'Un accompagnement socio-professionnel (mobilité, logement, garde d’enfants) est assuré tout au long du parcours.',
];
const PUBLICS = [
  'Ouverte sans condition de diplôme, elle s’adresse en priorité aux jeunes de moins de 26 ans, aux demandeur·ses d’emploi et aux personnes en reconversion.',
  'Elle accueille en priorité les habitant·es des quartiers prioritaires, les femmes et les personnes éloignées de l’emploi.',
  'Accessible sans diplôme, elle vise en particulier les jeunes sans qualification et les personnes en reconversion professionnelle.',
];
const OUTCOMES = [
  'Les entreprises partenaires participent au jury et proposent stages, alternances et recrutements.',
  'À la sortie : emploi, alternance ou poursuite de formation, avec un suivi individuel pendant six mois.',
  'La formation est construite avec les employeurs {of} pour répondre à leurs besoins de recrutement.',
];
const NO_DIPLOMA = ['Aucun diplôme n’est exigé.', 'Aucun prérequis de diplôme ni d’expérience.', 'Formation ouverte sans condition de diplôme.'];
const EXTRA = [
  'Avoir 18 ans ou plus.',
  'Savoir lire et écrire le français (niveau A2 au minimum).',
  'Être à l’aise avec l’usage courant d’un ordinateur.',
  '',
];
const SELECTION = [
  'Sélection sur motivation : réunion d’information collective, tests de logique et entretien individuel.',
  'Le recrutement se fait sur la motivation : une journée de découverte puis un entretien.',
  'Admission après un entretien de motivation et une semaine d’immersion pour découvrir le métier.',
];

export function trainingTitle(rng: Rng, t: TrainingTemplate): string {
  return rng.chance(0.2) ? t.title + rng.pick(t.titleVariants) : t.title;
}

export function trainingSummary(rng: Rng, t: TrainingTemplate, ofCity: string): string {
  const pedagogy = rng.pick(PEDAGOGY).replace('{weeks}', String(rng.int(4, 12)));
  const outcome = rng.pick(OUTCOMES).replace('{of}', ofCity);
  return `${t.summary} ${rng.pick(PUBLICS)} ${pedagogy} ${outcome}`;
}

export function trainingObjectives(t: TrainingTemplate): string {
  const cert = t.certification;
  return `À l’issue de la formation, vous saurez ${t.skills.join(' ; ')}. Certification visée : ${cert.title} (${cert.code}, niveau ${cert.level}).`;
}

export function trainingPrerequisites(rng: Rng, t: TrainingTemplate): string {
  return [rng.pick(NO_DIPLOMA), rng.pick(EXTRA), t.prerequisite ?? '', rng.pick(SELECTION)].filter((s) => s !== '').join(' ');
}

/** Hours per month of training by modality (full time is about 150 h a month, internship included). */
export const HOURS_PER_MONTH = { presentiel: [120, 150], hybride: [110, 140], distanciel: [80, 120] } as const;
