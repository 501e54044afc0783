/**
 * Generates src/areas/accounts/domain/weak-passwords-fr.txt: the French weak-password dictionary the
 * password rules check against (one folded word a line: lower case, no accent, letters only).
 *
 * A password is refused when, once its digits, punctuation and common « leet » substitutions are
 * set aside, what remains is one of these words, a repetition of one, or two of them glued together
 * (« Marseille13! », « j3t4im3 », « soleilmarie2024 »). Sources: the words most found in leaked French
 * password lists (first names, family names, pets, love words, football clubs, cities, keyboard
 * patterns), written down here from public knowledge, not copied from a leak.
 *
 * Run: npx tsx scripts/weak-passwords-fr.ts (the file is committed; rerun after editing the lists).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const words = (s: string) => s.split(/\s+/).filter(Boolean);

// Prénoms français fréquents (INSEE, naissances 1950–2020), féminins et masculins.
const FIRST_NAMES = words(`
marie jeanne francoise monique catherine nathalie isabelle sylvie martine christine nicole sophie valerie
sandrine stephanie celine veronique christiane chantal patricia anne brigitte jacqueline aurelie julie
laurence emilie camille laura sarah manon lea chloe emma ines jade louise alice lina rose anna ambre julia
mila lou agathe eva romane zoe lola clara juliette charlotte lucie mathilde pauline marion morgane elodie
melanie audrey caroline virginie delphine karine severine helene florence corinne dominique annie danielle
josiane simone yvette odette paulette denise suzanne madeleine genevieve therese colette germaine
marguerite lucienne yvonne raymonde georgette huguette jocelyne evelyne muriel pascale beatrice agnes
claire elise oceane marine justine amandine ophelie margaux maeva anais lisa elsa noemie alexia laetitia
fanny lucile estelle gaelle solene coralie jessica vanessa cindy melissa tiffany kelly jennifer angelique
cecile emeline adeline aline amelie axelle capucine clemence constance eloise heloise leonie louna lyna
maelys maya nina olivia salome victoire yasmine zelie jasmine myriam nadia samia sabrina leila fatima
aicha amina khadija malika naima rachida karima nora sonia soraya yamina kenza lila louane nolwenn
gwenaelle maelle oriane perrine roxane sabine sandra sylvia tatiana valentine victoria yasmina
jean pierre michel andre philippe alain bernard jacques daniel christian patrick nicolas francois
christophe eric laurent frederic stephane david julien sebastien thomas olivier pascal thierry gerard
didier dominique bruno vincent alexandre guillaume jerome cedric antoine maxime romain mathieu matthieu
kevin anthony jeremy florian benjamin quentin hugo lucas louis gabriel arthur jules raphael adam paul
leo nathan ethan noah tom theo enzo mathis axel timeo sacha liam gabin mael nolan victor martin
clement valentin alexis adrien baptiste dylan lois bastien corentin damien fabien gregory ludovic
arnaud yannick cyril franck herve joel marc michael mickael sylvain xavier yves jeanpierre jeanluc
jeanmarc jeanclaude jeanfrancois jeanmichel jeanjacques jeanpaul marcel roger robert rene henri
georges claude maurice raymond lucien gilbert albert guy serge jacky roland gilles patrice denis
emmanuel fabrice franck herve jonathan loic lionel mathias morgan pierrick regis remi richard
samuel simon steven thibault thibaut tristan william yann yohann mohamed mehdi karim rachid samir
nabil sofiane yassine bilal hamza ibrahim ismael ilyes rayan amine anis ayoub walid youssef omar ali
moussa mamadou abdel abdou kader malik farid djamel hakim nordine brahim said aymane adem younes
marius achille augustin basile come eliott gaspard hector isaac joseph lenny lorenzo marceau milo
nino noe oscar pablo rafael sami solal tiago timothee titouan valentino yanis kylian kilian killian
matteo noa evan alan ryan logan aaron elias eden ewen malo marin nils robin sasha tony teddy jordan
jimmy johnny cedrik stephan gael goulven erwan gwendal loick yoann ronan tanguy maxence florent
aurelien benoit cyrille edouard emile etienne ferdinand gustave jean-baptiste leon lucas marcelin
`).map((w) => w.replace(/-/g, ''));

// Noms de famille parmi les plus portés en France.
const FAMILY_NAMES = words(`
martin bernard thomas petit robert richard durand dubois moreau laurent simon michel lefebvre leroy
roux david bertrand morel fournier girard bonnet dupont lambert fontaine rousseau vincent muller
lefevre faure andre mercier blanc guerin boyer garnier chevalier francois legrand gauthier garcia
perrin robin clement morin nicolas henry roussel mathieu gautier masson marchand duval denis dumont
marie lemaire noel meyer dufour meunier brun blanchard giraud joly riviere lucas brunet gaillard
barbier arnaud martinez gerard roche renard schmitt roy leroux colin vidal caron picard roger fabre
aubert lemoine renaud dumas lacroix olivier philippe bourgeois pierre benoit rey leclerc payet
rolland leclercq guillaume lecomte lopez jean dupuy guillot hubert berger carpentier sanchez dupuis
moulin louis deschamps huet vasseur perez boucher fleury royer klein jacquet adam paris poirier
marty aubry guyot carre charles renault charpentier menard maillard baron bertin bailly herve
schneider fernandez collet leger bouvier julien prevost millet perrot daniel cousin germain breton
besson langlois remy pelletier leveque perrier leblanc barre lebrun marchal weber mallet hamon
boulanger jacob monnier michaud rodriguez guichard gillet etienne grondin poulain tessier chevallier
collin chauvin bouvet gay lemaitre benard marechal humbert reynaud antoine hoarau perret barthelemy
cordier pichon lejeune gilbert lamy delaunay pasquier carlier laporte diallo traore nguyen dupond
`);

// Mots du quotidien, mots doux, animaux, prénoms d'animaux, couleurs, jours, mois, saisons…
const WORDS = words(`
motdepasse motdepass mdp passe password passwd pass secret secrets confidentiel acces access login
connexion utilisateur user admin administrateur root superuser test essai demo invite guest bienvenue
welcome bonjour bonsoir salut coucou hello hola ciao merci soleil lune etoile etoiles ciel nuage
pluie neige orage arcenciel mer ocean plage ile montagne foret riviere fleur fleurs rose tulipe
marguerite lilas lavande jasmin papillon abeille amour amoureux amoureuse jetaime jtm jetadore
monamour moncoeur coeur bisou bisous calin calins doudou loulou chouchou cheri cherie mamour
bebe bb poupee poupette puce pupuce ptitcoeur mignon mignonne trognon nounours nounou titi toto tata
tutu tonton tatie mamie papi papy maman papa mamounette papounet famille enfant enfants fille fils
frere soeur cousin cousine bebes jumeaux jumelles princesse prince princesses roi reine chateau
fee sorciere magie magique licorne dragon dragons chat chaton chatte minou minette chien chiot
toutou lapin lapinou souris hamster cheval poney poulain tigre tigresse lion lionne panthere loup
louve renard ours ourson panda koala singe dauphin baleine requin tortue oiseau aigle faucon
pingouin canard poussin poule coq vache cochon mouton chevre grenouille serpent scorpion
araignee milou snoopy medor rex filou caramel chocolat vanille fraise framboise cerise pomme
banane orange citron peche abricot kiwi mangue ananas noisette praline nutella bonbon bonbons
sucre sucette guimauve gateau biscuit cookie cookies crepe crepes croissant baguette fromage
camembert pizza burger frite frites kebab tacos sushi cafe the biere vin champagne pastis
rouge bleu vert jaune noir blanc violet rose gris marron orange turquoise doree argent or
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet
aout septembre octobre novembre decembre printemps ete automne hiver noel paques vacances
anniversaire fete bonheur joie liberte egalite fraternite paix espoir vie destin chance
victoire ange angel demon diable enfer paradis dieu jesus marie allah bouddha eglise
musique chanson danse guitare piano batterie rock rap reggae metal disco techno
football foot basket handball rugby tennis judo karate boxe velo moto voiture auto camion
tracteur avion bateau train fusee ferrari porsche renault peugeot citroen bmw audi mercedes
toyota yamaha honda suzuki kawasaki harley ducati vespa scooter
ordinateur internet informatique numerique clavier souris ecran portable telephone iphone
android samsung apple google facebook instagram snapchat tiktok twitter youtube netflix
windows linux ubuntu microsoft orange sfr bouygues free laposte wanadoo hotmail gmail yahoo
fabrique fabriques grandeecole ecole college lycee universite fac etudiant etudiante prof
professeur travail boulot bureau stage formation diplome bac licence master
france francais francaise paris lyon marseille toulouse nice nantes strasbourg montpellier
bordeaux lille rennes reims toulon grenoble dijon angers nimes villeurbanne clermont limoges
tours amiens perpignan metz besancon brest orleans mulhouse rouen caen nancy argenteuil
montreuil roubaix tourcoing avignon poitiers pau calais cannes antibes ajaccio bastia
corse bretagne normandie alsace lorraine provence savoie auvergne bourgogne picardie
vendee gironde aquitaine occitanie guadeloupe martinique guyane reunion mayotte tahiti
belgique suisse quebec canada maroc algerie tunisie senegal portugal espagne italie
allemagne angleterre amerique afrique europe
psg om ol losc asse ogcnice fcnantes staderennais girondins olympique marseillais parisien
lyonnais stephanois allezlesbleus allezparis allezlom lesbleus bleus zidane zizou mbappe
griezmann benzema henry platini pogba giroud ronaldo messi neymar cristiano jordan
naruto goku sangoku pikachu pokemon mario zelda sonic batman superman spiderman ironman
hulk thor starwars yoda vador harrypotter potter hermione gandalf frodon simpson homer
bart titeuf asterix obelix tintin milou schtroumpf barbie kenny cartman
azerty azertyuiop azertyui azert qwerty qwertyuiop qwertz qsdfgh qsdfghjklm qsdfghjkl
wxcvbn wxcvbnm poiuytreza poiuyt mlkjhgfdsq mlkjhg nbvcxw aqwzsx aqwxsz azeqsdwxc
zsedrf azsxdc qazwsx wsxedc edcrfv rfvtgb tgbyhn yhnujm ujmik qwertyu asdfgh asdfghjkl zxcvbn
zxcvbnm abcdef abcdefg abcdefgh abcdefghi abcd abc abcabc azeaze qsdqsd aze qsd wxc
aaa aaaa aaaaa xxx xxxx zzz zzzz
iloveyou loveyou love lover lovely sunshine shadow monkey master letmein trustno qwertz dragon
football baseball superman batman michael jordan jennifer hunter ranger buster thunder charlie
soccer hockey killer george summer winter spring autumn flower freedom whatever princess
starwars pepper ginger cheese coffee cookie chicken purple yellow orange silver golden diamond
computer internet samsung google welcome secret changeme default passw0rd
`);

// Expressions courantes écrites d'un seul tenant.
const PHRASES = words(`
jetaimemonamour jetaimetrop jetaimefort jetaimeplus jetaimebeaucoup jetaimealafolie mamanjetaime
papajetaime monbebe mabelle monbeau macherie moncheri monchou machouchou mapuce maprincesse monprince
bonjourlemonde helloworld bienvenue toutvabien cestlavie lavieestbelle vivelavie vivelafrance
allezlesbleus allezlom allezparis allezlyon allezlosc iciestparis dimanche soleilmarie
nepasoublier motdepasseoublie monmotdepasse nouveaumotdepasse changermotdepasse jenesaispas
jesuis jesuisla cestmoi moimeme toietmoi pourtoujours atoutjamais forever foreverlove
mafamille mesenfants monfils mafille monchat monchien mamaison monordi
`);

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

const all = new Set<string>();
for (const w of [...FIRST_NAMES, ...FAMILY_NAMES, ...WORDS, ...PHRASES]) {
  const f = fold(w);
  if (f.length >= 3) all.add(f);
}
// keyboard rows read backwards are as common as forwards
for (const w of [...all]) if (/^(azerty|qsdf|wxcv|qwer|asdf|zxcv|poiu|mlkj)/.test(w)) all.add([...w].reverse().join(''));
// French first names with the usual endings of a nickname or a diminutive
for (const n of FIRST_NAMES.map(fold).filter((n) => n.length >= 3)) {
  for (const suffix of ['ou', 'ette', 'ounet', 'inou', 'y', 'ie', 'love', 'chou']) all.add(n + suffix);
}

const header = [
  '# Dictionnaire français des mots de passe faibles (généré par scripts/weak-passwords-fr.ts, ne pas éditer à la main).',
  '# Un mot par ligne, replié : minuscules, sans accent, lettres seulement.',
];
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/areas/accounts/domain/weak-passwords-fr.txt');
writeFileSync(out, [...header, ...[...all].sort()].join('\n') + '\n');
console.log(`${all.size} mots écrits dans ${path.relative(process.cwd(), out)}`);
