/** German support-talk lexicon (hand-written). Extends the Pattern German lexicon. Format as in en.ts. */
export const lexicon = `
-3: misshandeln, rassistische, rassistisch, warte immer noch, immer noch nicht, immer noch keine, noch immer nicht, keine antwort, keine rückmeldung, nie angekommen, nicht angekommen, nicht erhalten, nie erhalten, doppelt abgebucht, doppelt berechnet, betrug, abzocke, frechheit, unverschämt, unverschämtheit, katastrophe, katastrophal, skandal, skandalös, unmöglich, inakzeptabel, miserabel, schrecklich, furchtbar, grauenhaft, schlimmste, schlechteste, peinlich, lächerlich, zumutung, chaos, nervt, scheiße, scheiss, mist, saftladen
-2: verspaetung, verspaetet, sperrung, vollsperrung, gesperrt, mangel, kurzschluss, stehengeblieben, liegengeblieben, unglück, zerstörung, schockierend, schockierende, randalierer, chaoten, gewalt, streiken, gestreikt, horror, kritisiert, kritik, ärgern, ärgert, wtf, entfällt, entfallen, außer betrieb, stinkt, gesprengt, risiko, empörung, streiks, gestört, verärgert, nervig, eingestellt, überlastet, unzumutbar, unfähig, pannen, panne, storniert, gestrichen, ausfall, ausgefallen, fällt aus, verspätung, verspätungen, verspätet, verzögerung, zu spät, verloren, kaputt, beschädigt, defekt, fehler, störung, störungen, gesperrt, abgelehnt, warten, wartezeit, schon wieder, beschwerde, problem, probleme, ärger, ärgerlich, schlecht, schlechter, schlechte, langsam, teuer, überteuert, gebühr, gebühren, erstattung, enttäuscht, enttäuschend, enttäuschung, genervt, sauer, wütend, frustriert, kalt, dreckig, schmutzig, voll, überfüllt, streik, niemand, nie wieder, leider, ausgebucht, verpasst, unfreundlich, unpünktlich, fehlt, fehlen, nichts, stress, pech, hitze, klimaanlage ausgefallen
2: problemlos, reibungslos, störungsfrei, klappt, klappt wieder, geht wieder, funktioniert wieder, gelöst, erledigt, behoben, schnell, freundlich, nett, hilfreich, gut, super, toll, klasse, prima, perfekt, ausgezeichnet, hervorragend, zufrieden, froh, glücklich, pünktlich, bequem, empfehlen, empfehlenswert, spitze, top, genial, angenehm, sauber, lob
3: herzlichen dank, tausend dank, sehr gut, sehr zufrieden, beste, bester, am besten
-1: konflikt, wieder, stunden, nichts, spät, funkloch, funklöcher, komisch, komische, naja, geduld, schwierig, schwierige, ausgedünnt, stressen, baustelle, umleitung, ersatzverkehr
1: danke, vielen dank, danke schön, dankeschön
-1.5: falsch, falsche, falschen, gefahr
0: gefahren, voll, tage, ende, klein, kleine, kleinen, kleiner, armen, liebe, lieber, liebes, guten morgen, guten tag, guten abend, hallo, bitte, hilfe, brauche, möchte, bestellung, konto, karte, bahn, zug, züge, fahren, mal, ganz, eigentlich, sicher, recht, gerne
`;
export const negators = `nicht kein keine keinen keinem keiner nie niemals nichts ohne weder`;
export const intensifiers = `sehr:0.3 so:0.2 total:0.3 echt:0.3 wirklich:0.3 extrem:0.5 absolut:0.4 völlig:0.3 ziemlich:0.2 zu:0.2 mega:0.4 besonders:0.3 etwas:-0.3 kaum:-0.4`;
export const contrast = `aber jedoch trotzdem allerdings dennoch`;
export const resolvers = `beendet vorbei behoben gelöst erledigt aufgehoben abgeblasen beigelegt geeinigt`;
/** German and Dutch put "nicht" after the verb: "das klappt nicht". */
export const postNegators = `nicht`;
