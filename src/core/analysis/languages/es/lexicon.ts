/** Spanish support-talk lexicon (hand-written). Extends the AFINN Spanish translation. Format as in en.ts. */
export const lexicon = `
-3: sigo esperando, sigue sin, todavía no, aún no, sin respuesta, nadie responde, nadie contesta, nunca llegó, no ha llegado, no me ha llegado, no llegó, no recibí, cobro doble, cobrado dos veces, me cobraron dos veces, estafa, fraude, vergüenza, pésimo, pésima, horrible, terrible, lamentable, inaceptable, fatal, asco, desastre, peor, inútil, inútiles, ridículo, robo
-2: cancelado, cancelada, cancelaron, retraso, retrasado, tarde, perdido, perdida, roto, rota, dañado, error, fallo, falla, caído, bloqueado, bloqueada, rechazado, esperando, espera, horas, días, otra vez, de nuevo, queja, reclamo, reclamación, problema, problemas, mal, malo, mala, lento, lenta, caro, cobro, cobraron, devolución, reembolso, molesto, molesta, enfadado, harto, harta, decepcionado, decepcionada, decepción, frío, fría, sucio, nunca más, imposible, ninguna, nadie
1: gracias
2: muchas gracias, resuelto, solucionado, arreglado, rápido, rápida, amable, bueno, buena, bien, genial, excelente, perfecto, perfecta, encantado, encantada, contento, contenta, feliz, fantástico, maravilloso, recomiendo, a tiempo, puntual, eficiente, estupendo, ayuda rápida
3: mil gracias, muchísimas gracias, excelente servicio, muy bien, el mejor, la mejor
0: favor, por favor, ayuda, necesito, quiero, pedido, cuenta, tarjeta, vale
`;
export const negators = `no nunca jamás ni nada nadie ningún ninguna sin tampoco`;
export const intensifiers = `muy:0.3 mucho:0.3 muchísimo:0.5 demasiado:0.3 super:0.4 súper:0.4 totalmente:0.3 realmente:0.3 tan:0.3 bastante:0.2 extremadamente:0.5 poco:-0.3 algo:-0.2`;
export const contrast = `pero aunque sino`;
export const resolvers = `resuelto resuelta solucionado solucionada arreglado arreglada`;
