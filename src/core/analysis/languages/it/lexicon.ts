/** Italian support-talk lexicon (hand-written). Extends the Pattern Italian lexicon. Format as in en.ts. */
export const lexicon = `
-3: ancora in attesa, sto ancora aspettando, ancora niente, nessuna risposta, senza risposta, mai arrivato, non arrivato, non è arrivato, non ricevuto, mai ricevuto, addebitato due volte, doppio addebito, truffa, vergogna, pessimo, pessima, orribile, terribile, schifo, inaccettabile, vergognoso, peggiore, inutile, ridicolo, disastro, scandaloso, incompetenti
-2: cancellato, cancellata, annullato, annullata, ritardo, in ritardo, perso, persa, rotto, rotta, danneggiato, errore, guasto, bloccato, bloccata, rifiutato, attesa, aspettando, ore, giorni, di nuovo, ancora una volta, reclamo, problema, problemi, male, brutto, cattivo, lento, lenta, caro, costoso, rimborso, deluso, delusa, delusione, arrabbiato, arrabbiata, stufo, freddo, fredda, sporco, mai più, impossibile, nessuno
1: grazie
2: grazie mille, risolto, risolta, veloce, rapido, gentile, gentili, cortese, bene, buono, buona, ottimo, ottima, eccellente, perfetto, perfetta, contento, contenta, felice, soddisfatto, soddisfatta, consiglio, puntuale, efficiente, fantastico, bravi, bravo, top
3: grazie infinite, molto bene, servizio eccellente, il migliore, la migliore
0: per favore, aiuto, bisogno, voglio, ordine, conto, carta
`;
export const negators = `non mai niente nulla nessuno nessuna né senza`;
export const intensifiers = `molto:0.3 troppo:0.3 davvero:0.3 veramente:0.3 super:0.4 totalmente:0.3 così:0.3 estremamente:0.5 poco:-0.3`;
export const contrast = `ma però tuttavia comunque`;
export const resolvers = `risolto risolta sistemato sistemata`;
