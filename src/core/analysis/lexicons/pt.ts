/** Portuguese support-talk lexicon (hand-written). Extends the AFINN Portuguese translation. Format as in en.ts. */
export const lexicon = `
-3: ainda esperando, ainda aguardando, ainda não, sem resposta, ninguém responde, nunca chegou, não chegou, não recebi, cobrado duas vezes, cobrança dupla, golpe, fraude, vergonha, péssimo, péssima, horrível, terrível, lamentável, inaceitável, absurdo, pior, inútil, ridículo, descaso, lixo
-2: cancelado, cancelada, cancelamento, atraso, atrasado, atrasada, perdido, perdida, quebrado, quebrada, danificado, erro, falha, bloqueado, bloqueada, recusado, esperando, aguardando, espera, horas, dias, de novo, outra vez, reclamação, problema, problemas, mal, ruim, lento, lenta, caro, cobrança, reembolso, estorno, chateado, chateada, irritado, decepcionado, decepcionada, decepção, frio, fria, sujo, nunca mais, impossível, ninguém
1: obrigado, obrigada
2: muito obrigado, muito obrigada, resolvido, resolvida, rápido, rápida, gentil, atencioso, bom, boa, bem, ótimo, ótima, excelente, perfeito, perfeita, feliz, satisfeito, satisfeita, adorei, recomendo, no prazo, pontual, eficiente, maravilhoso, top
3: muito bom, muito boa, excelente atendimento, o melhor, a melhor
0: favor, por favor, ajuda, preciso, quero, pedido, conta, cartão
`;
export const negators = `não nunca jamais nem nada ninguém nenhum nenhuma sem`;
export const intensifiers = `muito:0.3 muita:0.3 demais:0.3 super:0.4 totalmente:0.3 realmente:0.3 tão:0.3 bastante:0.2 extremamente:0.5 pouco:-0.3`;
export const contrast = `mas porém contudo entretanto embora`;
export const resolvers = `resolvido resolvida solucionado solucionada`;
