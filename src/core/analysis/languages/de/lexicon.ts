/** German support-talk lexicon (hand-written). Extends the Pattern German lexicon. Format as in en.ts. */

/** Adjectives by valence; their inflected forms ("störungsfreier", "unfreundliche") score the same. */
const ADJECTIVES: [number, string][] = [
  [2, 'problemlos reibungslos störungsfrei freundlich hilfreich toll perfekt ausgezeichnet hervorragend zufrieden froh glücklich pünktlich bequem empfehlenswert genial angenehm sauber zuverlässig einwandfrei dankbar kulant begeistert nett'],
  [1.5, 'kostenlos komfortabel entspannt'],
  [1, 'schnell günstig'],
  [-3, 'katastrophal miserabel schrecklich furchtbar grauenhaft unverschämt inakzeptabel peinlich lächerlich skandalös dilettantisch'],
  [-2.5, 'tödlich'],
  [-2, 'unfreundlich unpünktlich unzuverlässig langsam teuer überteuert überfüllt dreckig schmutzig verdreckt kaputt defekt beschädigt enttäuschend nervig ärgerlich verspätet gestört überlastet unfähig unzumutbar ekelhaft eklig widerlich blamabel unbequem ungünstig'],
];

/** "pünktlich" -> "pünktlich", "pünktliche", "pünktlicher", ...; "-abel" and "teuer" drop their e ("miserable", "teure"). */
function inflect(adjective: string): string[] {
  const stem = /[^e]el$/.test(adjective) ? adjective.slice(0, -2) + 'l' : adjective.endsWith('euer') ? adjective.slice(0, -2) + 'r' : adjective;
  return [adjective, ...['e', 'er', 'en', 'es', 'em'].map((ending) => stem + ending)];
}

/** Inflected forms come first so that a hand-written line below can still override one. */
const inflectedLines = ADJECTIVES.map(([score, words]) => `${score}: ${words.split(' ').flatMap(inflect).join(', ')}`).join('\n');

export const lexicon = `
${inflectedLines}
-3: misshandeln, rassistische, rassistisch, warte immer noch, immer noch nicht, immer noch keine, noch immer nicht, keine antwort, keine rückmeldung, nie angekommen, nicht angekommen, nicht erhalten, nie erhalten, doppelt abgebucht, doppelt berechnet, betrug, abzocke, abgezockt, frechheit, unverschämtheit, katastrophe, skandal, unmöglich, schlimmste, schlechteste, zumutung, chaos, nervt, scheiße, scheiss, mist, saftladen, armutszeugnis, danke für nichts, vielen dank für nichts, geht gar nicht, ein wunder wenn, wäre ja ein wunder
-2: verspaetung, verspaetet, sperrung, vollsperrung, gesperrt, mangel, kurzschluss, stehengeblieben, liegengeblieben, unglück, zerstörung, schockierend, schockierende, randalierer, chaoten, gewalt, streiken, gestreikt, horror, kritisiert, kritik, ärgern, ärgert, wtf, entfällt, entfallen, außer betrieb, stinkt, gesprengt, risiko, empörung, streiks, verärgert, eingestellt, pannen, panne, storniert, gestrichen, ausfall, ausfälle, ausgefallen, fällt aus, fallen aus, verspätung, verspätungen, verzögerung, zu spät, verloren, fehler, störung, störungen, abgelehnt, warten, wartezeit, schon wieder, beschwerde, problem, probleme, ärger, schlecht, schlechter, schlechte, teurer, gebühr, gebühren, enttäuscht, enttäuschung, genervt, sauer, wütend, frustriert, kalt, streik, niemand, nie wieder, leider, leider nicht, leider kein, leider keine, leider keinen, ausgebucht, verpasst, fehlt, fehlen, stress, pech, hitze, klimaanlage ausgefallen, murks, pfusch, versagen, versagt, blamage, schikane, na toll, na super, na klasse, na prima
-2: misserfolg, unfall, unfälle, verletzte, verletzten, schwer verletzt, tot, tote, toten, getötet, gestorben, personenschaden, notarzteinsatz, großbrand, kabelbrand, brandanschlag, brandstiftung, brand im, brand in, brand am, brände, explosion, evakuiert, evakuierung, entgleist, entgleisung, zusammenstoß, kollision, suizid, selbstmord, überfall, überfallen, angriff, angegriffen, attacke, schlägerei, prügelei, dieb, diebe, taschendieb, diebstahl, gestohlen, geklaut, pöbeln, pöbelt, gepöbelt, belästigt, belästigung, randale, randaliert, bedroht, bombendrohung, unterbrochen, unterbrechung, lahmgelegt, lahmlegen, stillstand, gestrandet, idiot, idioten, albtraum, alptraum
-2.5: ermordet, messerangriff
-1.5: polizeieinsatz, feuerwehreinsatz, rettungseinsatz, festgenommen, festnahme, täter, verdächtiger, hooligans, besoffen, besoffene, betrunken, betrunkene, wahnsinn, unwetter, preiserhöhung, preiserhöhungen, mehrkosten, drohung, schaden, mal wieder, wieder mal, wieder einmal, nein danke
-1: außerplanmäßig, unplanmäßig, konflikt, stunden, nichts, spät, funkloch, funklöcher, komisch, komische, naja, geduld, schwierig, schwierige, ausgedünnt, stressen, baustelle, baustellen, umleitung, ersatzverkehr, verdächtig
-1.5: falsch, falsche, falschen, gefahr
-0.5: bauarbeiten
3: erfolgsgeschichte, herzlichen dank, tausend dank, vielen herzlichen dank, sehr gut, sehr zufrieden, beste, bester, am besten, alles bestens, großes lob, ein lob an, lob an, weiter so, daumen hoch, hat super geklappt, hat alles geklappt, hat perfekt geklappt
2: segen, klappt, klappt wieder, geht wieder, funktioniert wieder, läuft wieder, fährt wieder, fahren wieder, verkehrt wieder, verkehren wieder, gelöst, erledigt, behoben, gut, super, prima, empfehlen, spitze, top, lob, geklappt, hat geklappt, freue mich, freu mich, freut mich, gefällt, gefällt mir, lohnt sich, hat sich gelohnt, gerne wieder, schnelle hilfe, schnelle antwort, schnelle rückmeldung, schnell erledigt, echt klasse, einfach klasse, ist klasse, war klasse, klasse service, klasse arbeit, kommt gut an, wie immer super
1.5: endlich wieder, aufatmen, atmen auf, einigung erzielt, einigen sich, geeinigt, wieder frei, wieder planmäßig, pünktlicher
1: danke, vielen dank, danke schön, dankeschön, endlich da, planmäßig, gratis, erfolg, erfolgreich
0: gefahren, voll, tage, ende, klein, kleine, kleinen, kleiner, armen, liebe, lieber, liebes, guten morgen, guten tag, guten abend, gute nacht, gute reise, gute fahrt, guten appetit, alles gute, hallo, bitte, hilfe, brauche, möchte, bestellung, konto, karte, bahn, zug, züge, fahren, mal, ganz, eigentlich, sicher, recht, gerne, wieder, erstattung
0: klasse, komm gut, kommen sie gut, macht es gut, macht's gut, machts gut, mach's gut, machs gut, mach es gut, kommt gut, aber gut, na gut, schon gut
0: abenteuer, abenteurer, steuer, mehrwertsteuer, einkommensteuer, lohnsteuer, kfz steuer, kündigt, fremd, fremde, fremden, fremder, trennen, getrennt, kriegen, kriege, kriegt, arm, arme, armen, abzuwarten, erfolgen, erfolgt, hoffe, hoffen, geht wieder los, einigung, nächste, nächsten, nächster, nächstes, groß, große, großen, großer, großes, größte, größten, wichtig, wichtige, wichtigen, wichtiger, wichtiges, verdient, verdienen, fest, sorgt, sorgte, sorgen, mögen, lernen, lernt, weise, praktisch, aufgaben, erfasst
`;
export const negators = `nicht kein keine keinen keinem keiner nie niemals nichts ohne weder`;
export const intensifiers = `sehr:0.3 so:0.2 total:0.3 echt:0.3 wirklich:0.3 extrem:0.5 absolut:0.4 völlig:0.3 ziemlich:0.2 zu:0.2 mega:0.4 besonders:0.3 etwas:-0.3 kaum:-0.4`;
export const contrast = `aber jedoch trotzdem allerdings dennoch`;
export const resolvers = `beendet vorbei behoben gelöst erledigt aufgehoben abgeblasen beigelegt geeinigt`;
/** German and Dutch put "nicht" after the verb: "das klappt nicht". */
export const postNegators = `nicht`;
/** Wishes and conditions: praise after "hoffentlich", "wäre", "wenn" is not given yet. */
export const irrealis = `würde würden wäre wären könnte könnten sollte sollten hoffe hoffen hoffentlich wünsche wünschen wenn falls`;
