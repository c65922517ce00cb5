/**
 * Moments that turn a customer into a fan, for the "what good looks like" part of the report:
 *
 * - **recovery**: the customer's sentiment rose sharply over the conversation: the first customer
 *   message scored ≤ −0.2 (clearly upset, not just terse) and the last one ≥ +0.2, a rise of at least
 *   RECOVERY_RISE = 0.5 on the [−1, 1] scale of analyzeSentiment. Twice analysis's "improved" step
 *   (0.25), so an upset "where is my order??" answered with a polite "ok thanks" is not enough.
 * - **praise**: the customer praises the agent or the support ("you're a star", "best support ever",
 *   "eres un sol", "vous êtes génial", "Sie sind ein Schatz"…) or thanks them emphatically and
 *   personally ("thank you so much Anna", "mil gracias!"). Plain "thanks" is politeness, not praise.
 *   Praise preceded by a negation in its sentence ("not the best support ever") does not count. A
 *   wow moment is a reaction to the help received, so praise counts only after a public agent reply,
 *   and only in a sentence that analyzeSentiment does not read as negative: that drops the sarcasm
 *   of complaints ("Excellent service as always, still no refund").
 */
import { analyzeSentiment } from '../analysis';
import type { AnalysedConversation } from '../conversation-analysis';
import type { Conversation } from '../schema/conversation';
import { phrasePattern, sentences } from './phrases';

export interface WowMoment {
  conversationId: string;
  kind: 'recovery' | 'praise';
  /** recovery: 'sentiment −0.60 → +0.45: "<last customer sentence>"'; praise: the customer's sentence. */
  evidence: string;
  messageId?: string;
}

export const RECOVERY_START_AT_MOST = -0.2;
export const RECOVERY_END_AT_LEAST = 0.2;
export const RECOVERY_RISE = 0.5;
const EVIDENCE_CHARS = 200;

/** Unambiguous praise of the agent or the service. */
const PRAISE = phrasePattern([
  // en
  "you(?:'re| are) (?:a |an |the |my )?(?:star|legend|hero|rock ?star|angel|life ?saver|gem|superstar|genius|the best|amazing|awesome|brilliant|fantastic|wonderful|incredible)",
  'you rock', 'you saved (?:my|the) day', 'best (?:customer )?(?:support|service|help|experience) (?:ever|i(?:\'ve| have) (?:ever )?(?:had|received))',
  '(?:excellent|amazing|outstanding|fantastic|great|awesome|superb|exceptional) (?:customer )?(?:support|service)', 'above and beyond', 'so helpful', 'really appreciate (?:your|all your) help',
  // es
  'eres (?:un sol|un crack|una crack|un genio|una genia|un [áa]ngel|lo m[áa]ximo|el mejor|la mejor)', 'es usted (?:un sol|un [áa]ngel|muy amable)', 'me (?:has|ha) salvado',
  '(?:el )?mejor (?:servicio|soporte|atenci[óo]n)', '(?:excelente|incre[íi]ble|estupend[oa]) (?:servicio|atenci[óo]n|soporte)',
  // fr
  'vous [êe]tes (?:formidable|g[ée]nial|g[ée]niale|top|au top|un ange|extraordinaire|incroyable|super)', 'tu es (?:un ange|g[ée]nial|g[ée]niale|top|au top)',
  'vous m\'avez sauv[ée]', '(?:le )?meilleur (?:service|support|sav)', 'service (?:client )?(?:au top|g[ée]nial|exceptionnel|impeccable|parfait)',
  // de
  '(?:sie sind|du bist) (?:ein |eine )?(?:schatz|engel|held|heldin|spitze|klasse|der beste|die beste|großartig|super)', 'bester (?:support|service|kundenservice|kundendienst)',
  '(?:super|toller|klasse|spitzen|top|hervorragender|ausgezeichneter) (?:service|support|kundenservice)', 'sie haben mir den tag gerettet',
  // pt
  'voc[êe] [ée] (?:um anjo|uma anja|incr[íi]vel|demais|o melhor|a melhor|fera|top|sensacional)', '(?:o )?melhor (?:atendimento|suporte|servi[çc]o)',
  'atendimento (?:excelente|nota (?:10|dez|mil)|incr[íi]vel|perfeito|impec[áa]vel)', 'salvou (?:meu|o meu) dia',
  // it
  'sei (?:un angelo|un mito|grande|fantastic[oa]|il migliore|la migliore|un tesoro)', '(?:il )?miglior(?:e)? (?:assistenza|servizio|supporto)',
  '(?:servizio|assistenza) (?:eccellente|impeccabile|fantastic[oa]|top)', 'mi (?:hai|ha) salvato',
  // nl
  '(?:je bent|u bent) (?:een held|een topper|een schat|geweldig|fantastisch|de beste|top)', 'beste (?:service|klantenservice|support) ooit',
  '(?:top|super|geweldige|uitstekende|fantastische) (?:service|klantenservice)', 'super geholpen',
  // ar, fa, zh
  'أنت رائع', 'أنتِ رائعة', 'أفضل خدمة', 'خدمة ممتازة', 'عالی بودید', 'بهترین پشتیبانی', 'دستتون درد نکنه', 'شما عالی هستید', '你太棒了', '您太棒了', '服务太好了', '最好的客服', '太给力了',
]);

/** Emphatic thanks: praise only when personal (followed by a name) or exclaimed. */
const EMPHATIC_THANKS = phrasePattern([
  'thank you (?:so|very) much', 'thanks (?:so|very) much', 'thanks a (?:lot|million|ton|bunch)', 'many thanks', 'thank you a million',
  'mil gracias', 'much[íi]simas gracias', 'muchas gracias', 'merci (?:infiniment|mille fois|beaucoup)', 'vielen (?:herzlichen )?dank', 'tausend dank', 'herzlichen dank',
  'muito obrigad[oa]', 'muit[íi]ssimo obrigad[oa]', 'grazie (?:mille|infinite|di cuore)', '(?:heel erg|ontzettend|hartelijk) bedankt', 'dank je wel', 'dank u wel',
  'شكرا جزيلا', 'شكراً جزيلاً', 'خیلی ممنون', 'خیلی متشکرم', '非常感谢', '太感谢了', '万分感谢',
]);

const NEGATION_BEFORE = phrasePattern(['not', 'never', 'no', 'hardly', 'no es', 'pas', "n'est", 'nicht', 'kein', 'não', 'non', 'niet', 'geen', 'ليس', 'نه', '不']);
/** A capitalised word right after the thanks: "thank you so much Anna". */
const NAME_AFTER = /^[\s,]+\p{Lu}[\p{Ll}\p{M}]+/u;
const EXCLAIMED = /^[^.?]*[!！]/u;

const shorten = (s: string) => (s.length > EVIDENCE_CHARS ? `${s.slice(0, EVIDENCE_CHARS - 1)}…` : s);
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

function praiseIn(sentence: string): boolean {
  const praise = PRAISE.exec(sentence);
  if (praise && !NEGATION_BEFORE.test(sentence.slice(Math.max(0, praise.index - 20), praise.index))) return true;
  const thanks = EMPHATIC_THANKS.exec(sentence);
  if (!thanks) return false;
  const rest = sentence.slice(thanks.index + thanks[0].length);
  return NAME_AFTER.test(rest) || EXCLAIMED.test(rest);
}

export function detectWowMoments(c: Conversation, analysed?: Pick<AnalysedConversation, 'start' | 'end' | 'customerMessages'>): WowMoment[] {
  const moments: WowMoment[] = [];
  const customer = c.messages.filter((m) => m.role === 'customer' && m.public !== false && m.text.trim());
  if (analysed && analysed.customerMessages > 1 && analysed.start !== undefined && analysed.end !== undefined) {
    const { start, end } = analysed;
    if (start <= RECOVERY_START_AT_MOST && end >= RECOVERY_END_AT_LEAST && end - start >= RECOVERY_RISE) {
      const last = customer[customer.length - 1];
      moments.push({
        conversationId: c.id,
        kind: 'recovery',
        evidence: `sentiment ${signed(start)} → ${signed(end)}${last ? `: "${shorten(last.text.replace(/\s+/g, ' ').trim())}"` : ''}`,
        messageId: last?.id,
      });
    }
  }
  const firstAgentReply = c.messages.findIndex((m) => m.role === 'agent' && m.public !== false);
  const afterReply = firstAgentReply < 0 ? [] : customer.filter((m) => c.messages.indexOf(m) > firstAgentReply);
  for (const m of afterReply) {
    const sentence = sentences(m.text).find((s) => praiseIn(s) && analyzeSentiment(s, c.language).label !== 'negative');
    if (sentence) {
      moments.push({ conversationId: c.id, kind: 'praise', evidence: shorten(sentence), messageId: m.id });
      break;
    }
  }
  return moments;
}
