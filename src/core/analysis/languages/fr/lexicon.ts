/** French support-talk lexicon (hand-written). Extends the Pattern French lexicon. Format as in en.ts. */
export const lexicon = `
-3: toujours pas, toujours rien, toujours en attente, j'attends toujours, aucune réponse, pas de réponse, sans réponse, jamais reçu, pas reçu, jamais arrivé, pas arrivé, débité deux fois, prélevé deux fois, arnaque, escroquerie, honte, honteux, scandaleux, inadmissible, inacceptable, nul, nulle, lamentable, horrible, catastrophique, pire, déplorable, incompétent, incompétents, inutile, ridicule, n'importe quoi
-2: annulé, annulée, annulation, retard, retardé, en retard, perdu, perdue, cassé, cassée, endommagé, erreur, bug, panne, bloqué, bloquée, refusé, refusée, rejeté, attente, attendre, heures, jours, encore, réclamation, plainte, problème, problèmes, souci, soucis, mauvais, mauvaise, mal, lent, lente, cher, chère, remboursement, frais, déçu, déçue, déception, énervé, énervée, marre, agacé, froid, froide, sale, impossible, personne, jamais plus, galère, insupportable
1: merci
2: merci beaucoup, résolu, réglé, rapide, rapidement, aimable, gentil, sympa, bien, bon, bonne, super, génial, excellent, excellente, parfait, parfaite, content, contente, ravi, ravie, satisfait, satisfaite, top, efficace, recommande, à l'heure, impeccable, nickel
3: merci infiniment, mille mercis, très bien, au top, service excellent, le meilleur, la meilleure
0: svp, s'il vous plaît, aide, besoin, veux, commande, compte, carte
`;
export const negators = `pas jamais rien aucun aucune sans ni non guère`;
export const intensifiers = `très:0.3 trop:0.3 vraiment:0.3 tellement:0.4 super:0.3 totalement:0.3 complètement:0.3 extrêmement:0.5 si:0.2 assez:0.1 peu:-0.3`;
export const contrast = `mais cependant pourtant toutefois néanmoins`;
export const resolvers = `résolu résolue réglé réglée terminé terminée`;
