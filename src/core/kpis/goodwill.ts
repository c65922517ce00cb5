/**
 * Goodwill gestures (refunds, account credits, discounts, vouchers and gift cards, free
 * replacements) that agents offered or gave, with their amount when the text states one.
 *
 * Only agent messages count: a customer asking for a refund is not a refund. Internal agent notes
 * count too ("refunded €20 via Stripe" is the most reliable evidence there is). A sentence is
 * dropped when the gesture is negated in its clause ("no refund is possible", "we cannot offer a
 * discount", "non-refundable"), when it talks about policy in general ("our refund policy…") or about
 * the customer's request ("your refund request was received"). Help-desk tags (refund, credit,
 * goodwill…) add a gesture the text did not mention. The sentence must also state an act: given or
 * offered ("I've refunded", "we will send", "has been credited"), see GIVE_CUES.
 *
 * Languages: en, es, fr, de, pt, it, nl fully; ar, fa, zh keywords and negation. Precision is that of a
 * keyword reader: an agent quoting the customer's request back can still slip through.
 */
import type { Conversation } from '../schema/conversation';
import { findMoney, findPercents } from './money';
import { sentences } from './phrases';
import { lazy } from '../lazy';

export type GoodwillKind = 'refund' | 'credit' | 'discount' | 'voucher' | 'replacement';

export interface GoodwillGesture {
  kind: GoodwillKind;
  amount?: number;
  currency?: string;
  percent?: number;
  /** The agent message it was read from; absent when it comes from a tag. */
  messageId?: string;
  /** The sentence (or `tag:<tag>`) it was read from. */
  evidence: string;
}

/** Word starts (stems) per kind; a match must begin at a word boundary and may run on to the word's end. */
const KIND_STEMS: Record<GoodwillKind, string[]> = {
  refund: [
    'refund', 'reimburs', 'money back', 'reembols', 'devoluci[oó]n del (?:importe|dinero|pago)', 'devolver(?:emos|le|te)? el (?:importe|dinero)',
    'rembours', 'erstatt', 'rückerstatt', 'geld zurück', 'rückzahlung', 'estorn', 'devolução do (?:valor|dinheiro)', 'rimbors',
    'terugbetal', 'terugbetaa', 'terugstort', 'teruggestort', 'restitu', 'geld terug', 'استرداد', 'استرجاع المبلغ', 'رد المبلغ', 'بازپرداخت', 'عودت (?:وجه|پول)', '退款', '退钱', '退还',
  ],
  credit: [
    'credit', 'crédit', 'crédito', 'credito', 'abonad', 'abono', 'un avoir', 'gutschrift', 'gutgeschrieben', 'guthaben', 'accredit', 'tegoed(?!bon)', 'creditnota', 'gecrediteerd',
    'رصيد', 'اعتبار', '余额', '积分', '抵用金',
  ],
  discount: [
    'discount', '\\d+ ?% off', 'coupon', 'promo code', 'promotional code', 'descuento', 'cupón', 'código promocional', 'remise', 'réduction', 'rabais', 'code promo',
    'rabatt', 'preisnachlass', 'nachlass', 'desconto', 'cupom', 'sconto', 'korting', 'خصم', 'تخفیف', '折扣', '打折', '优惠(?!券)',
  ],
  voucher: [
    'voucher', 'gift card', 'gift certificate', 'gift voucher', 'vale (?:de (?:compra|descuento|regalo)|regalo|presente)', 'tarjeta regalo', 'cheque regalo', "bon d'achat", 'bon de réduction',
    'carte cadeau', 'carte-cadeau', 'chèque cadeau', 'gutschein', 'vale-presente', 'cartão presente', 'buono (?:sconto|regalo|acquisto)', 'carta regalo', 'tegoedbon', 'cadeaubon',
    'waardebon', 'قسيمة', 'كوبون', 'کارت هدیه', 'بن تخفیف', '代金券', '优惠券', '礼品卡',
  ],
  replacement: [
    'replacement', 'replace (?:it|the|your)', 'send you a new', 'reemplazo', 'sustitución', 'reposición', 'le enviaremos (?:uno|una) nuev', 'remplacement', 'remplacer',
    'ersatz', 'austausch', 'ersetzen', 'neues gerät', 'substituição', 'substituir', 'reposição', 'sostituzion', 'sostituir', 'vervang', 'nieuw exemplaar', 'استبدال', 'تعویض', '换货', '更换', '补发',
  ],
};

// Latin-script boundary only: Han has no spaces and Arabic-script words take attached prefixes.
const boundary = '(?<![\\p{Script=Latin}\\p{N}])';
// The patterns are compiled on first use (lazy): a hundred alternatives with Unicode classes take tens of milliseconds
// to build, which every import of this module (a Lambda cold start) would otherwise pay.
const KIND_PATTERNS = lazy(() =>
  (Object.entries(KIND_STEMS) as [GoodwillKind, string[]][]).map(
    ([kind, stems]) => [kind, new RegExp(`${boundary}(?:${stems.join('|')})[\\p{L}\\p{M}]*`, 'giu')] as const,
  ),
);
/** Any gesture keyword at all: most agent sentences have none, and this one test is cheaper than the cue checks. */
const ANY_KIND = lazy(() => new RegExp(`${boundary}(?:${Object.values(KIND_STEMS).flat().join('|')})`, 'iu'));

/** Uses of the keywords that are not gestures: payment cards, policies, requests. */
const NOT_A_GESTURE = [
  /credit ?card|debit ?card|creditcard|tarjeta de cr[ée]dito|carte de cr[ée]dit|cart[ãa]o de cr[ée]dito|carta di credito|credit (?:score|check|limit)|kreditkarte/iu,
  /\b(?:policy|policies|terms)\b|pol[íi]tica|politique|richtlinie|beleid|politica|سياسة|سیاست|政策/iu,
  // What could happen in general, not what was done: "digital products can be refunded within 14 days".
  /\b(?:can|could|may|might) be (?:refunded|replaced|credited|exchanged)\b|\beligible for\b|\bare (?:refundable|eligible)\b/iu,
  /(?:refund|credit|discount|replacement|reembolso|remboursement|erstattung|reembolso|rimborso|terugbetaling)s? (?:request|solicitud|demande|anfrage|pedido|richiesta|verzoek)|(?:request|solicitud|demande|anfrage|pedido|richiesta|verzoek) (?:for|de|d'un|auf|di|om|voor) (?:a |an |un |una |um |uma |een )?(?:refund|reembolso|remboursement|rückerstattung|rimborso|terugbetaling)/iu,
];

/**
 * The sentence must say the gesture was made or is being offered: a first-person or passive act
 * ("I've issued", "we will send", "has been processed", "hemos", "je vous ai", "wir haben", "已", "تم").
 * Without one, the keyword is information ("To process the refund I need the order number",
 * "Refunds go back to the original payment method within 5 days").
 */
const GIVE_CUES = lazy(() => new RegExp(
  [
    "i(?:'ve| have|'ll| will|'d like to| would like to| can offer| just)", "we(?:'ve| have|'ll| will|'d like to| would like to| can offer| are happy to)", 'here(?: is|\'s)', 'as a (?:goodwill )?gesture',
    '(?:has|have) been', 'was', 'were', 'is (?:on its way|queued|being processed)', 'offered', 'issued', 'processed', 'approved', 'applied', 'added', 'sent', 'credited', 'refunded',
    'arranged', 'started', 'initiated', 'queued', 'happy to', 'will (?:be|show|appear|arrive|reach)',
    'hemos', 'le (?:he|hemos)', 'procesado', 'emitido', 'realizado', 'aplicado', 'enviado', 'abonado', 'reembolsado', 'reembolsamos', '(?:te|le) ofrecemos', 'podemos ofrecer', '(?:le|te) enviaremos', 'ha sido', 'fue', 'se ha',
    "j'ai", 'nous avons', 'je vous ai', 'nous vous avons', 'effectu[ée]e?', '[ée]mise?', 'appliqu[ée]e?', 'envoy[ée]e?', 'accord[ée]e?', 'rembours[ée]e?', 'proposons', 'offrons', 'a [ée]t[ée]', 'vous recevrez',
    'ich habe', 'wir haben', 'habe ich', 'haben wir', 'veranlasst', 'erstattet', 'gutgeschrieben', 'angewiesen', 'gesendet', 'geschickt', 'ausgestellt', 'bieten (?:ihnen|dir)', 'wurde', 'werden (?:wir|ihnen)',
    'fiz', 'fizemos', 'processad[oa]', 'emitid[oa]', 'enviad[oa]', 'enviamos', 'estornamos', 'oferecemos', 'vamos', 'foi',
    'ho', 'abbiamo', 'elaborat[oa]', 'emess[oa]', 'applicat[oa]', 'inviat[oa]', 'rimborsat[oa]', 'accreditat[oa]', 'offriamo', '[èe] stat[oa]',
    'ik heb', 'wij hebben', 'we hebben', 'verwerkt', 'toegepast', 'verstuurd', 'gestuurd', 'terugbetaald', 'teruggestort', 'bieden (?:u|je)', 'is (?:verwerkt|verstuurd|teruggestort)',
  ]
    .map((w) => `(?<![\\p{L}'])${w.replace(/'/g, "['’]")}(?![\\p{L}])`)
    .concat(['已', '已经', '为您', '给您', 'تم', 'قمنا', 'سنقوم', 'أرسلنا', 'انجام شد', 'کردیم', 'ارسال شد', 'واریز شد', 'خواهیم'])
    .join('|'),
  'iu',
));

const NEGATORS = lazy(() => new RegExp(
  [
    "no", 'not', "n't", 'cannot', 'unable', 'never', 'without', 'non', 'nor', 'neither',
    'ningún', 'ninguna', 'ninguno', 'sin', 'imposible', 'tampoco', 'pas', 'aucun', 'aucune', 'impossible', 'sans', 'ni', 'jamais',
    'kein', 'keine', 'keinen', 'keinerlei', 'nicht', 'ohne', 'nie', 'não', 'nenhum', 'nenhuma', 'sem', 'impossível', 'nunca',
    'nessun', 'nessuna', 'nessuno', 'senza', 'impossibile', 'mai', 'geen', 'niet', 'zonder', 'onmogelijk', 'nooit',
    'لا', 'لم', 'لن', 'ليس', 'غير', 'بدون', 'نه', 'بدون', 'نمی‌توانیم', 'نمیتوانیم', 'نمی',
  ]
    .map((w) => `(?<![\\p{L}'])${w.replace(/'/g, "['’]")}(?![\\p{L}])`)
    .concat(['不', '无法', '不能', '没有', '沒有', 'non-?refundable', 'nicht erstattungsfähig', 'no reembolsable', 'non remboursable', 'não reembolsável', 'non rimborsabile', 'niet restitueerbaar'])
    .join('|'),
  'iu',
));

/** Clause boundaries: a negation in another clause ("we can't repair it, but we've refunded you") doesn't apply. */
const CLAUSE = /[,;:–—()，；：]|\b(?:but|however|instead|pero|sino|mais|cependant|aber|jedoch|sondern|mas|porém|ma|però|invece|maar|echter)\b|但|不过|لكن|ولكن|اما|ولی/iu;
const WINDOW_BEFORE = 6;
const WINDOW_AFTER = 4;
const EVIDENCE_CHARS = 200;

/** Is the keyword at [start, end) negated within its own clause? Looks a few words back and a few ahead. */
function isNegated(sentence: string, start: number, end: number): boolean {
  const clauseOf = (text: string, fromEnd: boolean) => {
    const parts = text.split(CLAUSE);
    return (fromEnd ? parts[parts.length - 1] : parts[0]) ?? '';
  };
  const beforeWords = clauseOf(sentence.slice(0, start), true).trim().split(/\s+/);
  const afterWords = clauseOf(sentence.slice(end), false).trim().split(/\s+/);
  const before = beforeWords.slice(-WINDOW_BEFORE).join(' ');
  const after = afterWords.slice(0, WINDOW_AFTER).join(' ');
  // Han script has no spaces: look at the few characters right before the keyword instead.
  const hanBefore = sentence.slice(Math.max(0, start - 4), start);
  const negators = NEGATORS();
  return negators.test(before) || negators.test(after) || negators.test(sentence.slice(start, end)) || /不|无法|没有|沒有/.test(hanBefore);
}

/** "credited" / "gutgeschrieben" name the act of giving; with a voucher or discount in the sentence, that is what was credited. */
const CREDIT_VERB = /^(?:credited|gutgeschrieben|accreditat|gecrediteerd|abonad)/iu;

interface KeywordMatch {
  kind: GoodwillKind;
  index: number;
  end: number;
  text: string;
}

function gesturesInSentence(sentence: string): { kind: GoodwillKind; index: number }[] {
  if (!ANY_KIND().test(sentence) || NOT_A_GESTURE.some((re) => re.test(sentence)) || !GIVE_CUES().test(sentence)) return [];
  let found: KeywordMatch[] = [];
  for (const [kind, pattern] of KIND_PATTERNS()) {
    for (const m of sentence.matchAll(pattern)) {
      if (!isNegated(sentence, m.index, m.index + m[0].length)) {
        found.push({ kind, index: m.index, end: m.index + m[0].length, text: m[0] });
        break;
      }
    }
  }
  // Overlapping keywords ("buono sconto" is a voucher, not also a discount): the longer match wins.
  found = found.filter((a) => !found.some((b) => b !== a && b.index < a.end && a.index < b.end && b.end - b.index > a.end - a.index));
  if (found.length > 1) found = found.filter((g) => !(g.kind === 'credit' && CREDIT_VERB.test(g.text)));
  return found.map(({ kind, index }) => ({ kind, index }));
}

const TAG_NOT_GIVEN = /request|asked|inquiry|enquiry|question|policy|denied|rejected|declined|refused|not[_ -]?eligible|no[_ -]/i;
const TAG_KINDS: [RegExp, GoodwillKind][] = [
  [/refund|reembolso|rembourse|erstattung|rimborso/i, 'refund'],
  [/credit|gutschrift/i, 'credit'],
  [/discount|coupon|promo/i, 'discount'],
  [/voucher|gift.?card|gutschein/i, 'voucher'],
  [/replace|reship|ersatz/i, 'replacement'],
  [/goodwill|compensation|gesture/i, 'credit'],
];

/**
 * The gestures in a conversation: at most one per (message, kind): the first sentence stating it,
 * preferring one that states an amount; then one per kind from the tags when the text had none.
 */
export function detectGoodwill(c: Conversation): GoodwillGesture[] {
  const out: GoodwillGesture[] = [];
  for (const message of c.messages) {
    if (message.role !== 'agent') continue;
    const perKind = new Map<GoodwillKind, GoodwillGesture>();
    // Quoted e-mail lines ("> I want a refund") are the customer's words, not the agent's.
    const ownText = message.text
      .split(/\r?\n/)
      .filter((line) => !line.trimStart().startsWith('>'))
      .join('\n');
    for (const sentence of sentences(ownText)) {
      const found = gesturesInSentence(sentence);
      for (const { kind, index } of found) {
        const existing = perKind.get(kind);
        if (existing && (existing.amount !== undefined || existing.percent !== undefined)) continue;
        const gesture: GoodwillGesture = { kind, messageId: message.id, evidence: sentence.length > EVIDENCE_CHARS ? `${sentence.slice(0, EVIDENCE_CHARS - 1)}…` : sentence };
        const money = closestOwned(findMoney(sentence), index, found);
        const percent = closestOwned(findPercents(sentence), index, found);
        if (money) Object.assign(gesture, { amount: money.amount, currency: money.currency });
        else if (percent) gesture.percent = percent.percent;
        if (!existing || gesture.amount !== undefined || gesture.percent !== undefined) perKind.set(kind, gesture);
      }
    }
    out.push(...perKind.values());
  }
  const seen = new Set(out.map((g) => g.kind));
  for (const tag of c.tags ?? []) {
    // "refund-request", "refund_denied": the customer asked, or was told no.
    if (TAG_NOT_GIVEN.test(tag)) continue;
    const kind = TAG_KINDS.find(([re]) => re.test(tag))?.[1];
    if (kind && !seen.has(kind)) {
      seen.add(kind);
      out.push({ kind, evidence: `tag:${tag}` });
    }
  }
  return out;
}

/**
 * The amount closest to this gesture's keyword among those closer to it than to any other gesture in
 * the sentence: "I've refunded the delivery cost and added a $32.45 voucher" gives the $32.45 to the
 * voucher, not to the refund as well.
 */
function closestOwned<T extends { index: number }>(items: T[], index: number, gestures: { index: number }[]): T | undefined {
  const distance = (a: number, b: number) => Math.abs(a - b);
  let best: T | undefined;
  for (const item of items) {
    const owner = gestures.reduce((o, g) => (distance(g.index, item.index) < distance(o.index, item.index) ? g : o));
    if (owner.index !== index) continue;
    if (!best || distance(item.index, index) < distance(best.index, index)) best = item;
  }
  return best;
}
