/** Portuguese support-talk lexicon (hand-written). Extends the AFINN Portuguese translation. Format as in en.ts. */
export const lexicon = `
-3: sem aviso, nada satisfeito, nada satisfeita, mensagens automáticas, resposta automática, ainda esperando, ainda aguardando, ainda não, sem resposta, ninguém responde, nunca chegou, não chegou, não recebi, cobrado duas vezes, cobrança dupla, golpe, fraude, vergonha, péssimo, péssima, horrível, terrível, lamentável, inaceitável, absurdo, pior, inútil, ridículo, descaso, lixo
-2: demorou, demora, demorando, demorada, vazia, vazio, amassado, amassada, trincado, trincada, rasgado, rasgada, retido, retida, travando, trava, travou, cobrando, continuam cobrando, terceira vez, várias vezes, mil vezes, cancelado, cancelada, cancelamento, atraso, atrasado, atrasada, perdido, perdida, quebrado, quebrada, danificado, erro, falha, bloqueado, bloqueada, recusado, esperando, aguardando, espera, horas, dias, de novo, outra vez, reclamação, problema, problemas, mal, ruim, lento, lenta, caro, cobrança, reembolso, estorno, chateado, chateada, irritado, decepcionado, decepcionada, decepção, frio, fria, sujo, nunca mais, impossível, ninguém
// Informal thanks ("brigado", "valeu"), slang praise ("show"), repeated contact and damage words (own entries).
1: obrigado, obrigada, brigado, brigada, valeu
0: aviso, avisar, avisaram, avisou, avisou-me, pronto, pronta
-1: de novo, outra vez
2: gostei, gostou, gostamos, show, obrigadão, voltou a funcionar, funcionando, funcionou, amei, parabéns, nota dez, rapidez, agilidade, educado, educada, prestativo, prestativa, atenciosa, continuem assim, resolveram, resolvido, resolvida, rápido, rápida, gentil, atencioso, bom, boa, bem, ótimo, ótima, excelente, perfeito, perfeita, feliz, satisfeito, satisfeita, adorei, recomendo, no prazo, pontual, eficiente, maravilhoso, top
3: muito obrigado, muito obrigada, ótimo serviço, muito bom, muito boa, excelente atendimento, o melhor, a melhor
0: favor, por favor, ajuda, preciso, quero, pedido, conta, cartão
`;
// "nao"/"naum"/"ñ": informal spellings of "não" (accents are often dropped in chat).
export const negators = `não nao naum ñ nunca jamais nem nada ninguém nenhum nenhuma sem tampouco`;
export const intensifiers = `muito:0.3 muita:0.3 demais:0.3 super:0.4 totalmente:0.3 realmente:0.3 tão:0.3 bastante:0.2 extremamente:0.5 pouco:-0.3`;
export const contrast = `mas porém contudo entretanto embora`;
export const resolvers = `resolvido resolvida solucionado solucionada estornado estornada reembolsado reembolsada corrigido corrigida consertado consertada`;
