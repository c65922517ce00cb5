/** Dutch support-talk lexicon (hand-written). Extends the Pattern Dutch lexicon. Format as in en.ts. */
export const lexicon = `
-3: wacht nog steeds, nog steeds niet, nog steeds geen, geen antwoord, geen reactie, nooit ontvangen, niet ontvangen, niet aangekomen, nooit aangekomen, dubbel afgeschreven, twee keer afgeschreven, oplichting, fraude, schandalig, schande, belachelijk, onacceptabel, waardeloos, vreselijk, verschrikkelijk, slechtste, rampzalig, drama, bagger, nutteloos, incompetent
-2: geannuleerd, vertraging, vertraagd, te laat, kwijt, verloren, kapot, beschadigd, fout, storing, geblokkeerd, geweigerd, afgewezen, wachten, uren, dagen, alweer, weer, klacht, probleem, problemen, slecht, slechte, traag, duur, kosten, terugbetaling, teleurgesteld, teleurstellend, boos, geïrriteerd, koud, vies, niemand, nooit meer, onmogelijk, helaas
1: bedankt, dank je, dank u, dankjewel
2: opgelost, snel, vriendelijk, aardig, behulpzaam, goed, prima, top, super, geweldig, uitstekend, perfect, tevreden, blij, gelukkig, op tijd, aanrader, fijn, fantastisch, netjes
3: heel erg bedankt, hartelijk dank, heel goed, de beste, erg tevreden
0: alstublieft, hulp, nodig, wil, bestelling, rekening, kaart
`;
export const negators = `niet geen nooit niets niemand zonder noch`;
export const intensifiers = `erg:0.3 heel:0.3 zeer:0.3 echt:0.3 super:0.4 totaal:0.3 zo:0.2 enorm:0.4 extreem:0.5 best:0.1 beetje:-0.3`;
export const contrast = `maar echter toch hoewel`;
export const resolvers = `opgelost verholpen voorbij`;
export const postNegators = `niet`;
