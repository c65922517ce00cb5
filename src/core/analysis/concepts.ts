/**
 * Support concepts across languages: how a theme discovered in Spanish relates to one discovered in English.
 *
 * Themes are discovered within each language (a word-based model cannot tell that "reembolso" and "refund"
 * are the same thing), so each theme is also tagged with the support concepts its messages mention, from a
 * small hand-written multilingual dictionary (written by the voc-insights team, Apache-2.0). Two themes in
 * different languages whose messages mention the same concepts are related: "devolución del dinero ·
 * reembolso" (es) and "refund status" (en) are both about refunds. Product teams that need one theme across
 * languages define it in the taxonomy (defined themes match in every language); this relation is the
 * discovery side's answer.
 *
 * Term syntax: comma-separated; a trailing "*" matches any word ending ("refund*" → refunds, refunded);
 * Chinese terms match anywhere; Arabic terms also match behind clitics and the article ال.
 */
import { normalizeText } from './normalize';
import { writingOf } from './languages/writing';

type Terms = Partial<Record<string, string>>;

const DICTIONARY: Array<{ id: string; label: string; terms: Terms }> = [
  { id: 'refund', label: 'refunds', terms: {
    en: 'refund*, reimburs*, money back', es: 'reembols*, devolución del dinero, devolver el dinero', fr: 'rembours*',
    de: 'erstattung*, erstatt*, rückerstatt*, geld zurück', pt: 'reembols*, estorno*, dinheiro de volta', it: 'rimbors*',
    nl: 'terugbetal*, geld terug, restitutie', ar: 'استرداد, استرد*, استرجاع المبلغ, ارجاع المبلغ, استرجاع الفلوس',
    fa: 'بازپرداخت, بازگشت وجه, استرداد, برگشت پول, عودت وجه', zh: '退款, 退钱, 返还' } },
  { id: 'cancellation', label: 'cancellations', terms: {
    en: 'cancel*, unsubscrib*', es: 'cancel*, anul*', fr: 'annul*, résili*', de: 'stornier*, storno*, kündig*',
    pt: 'cancel*', it: 'annull*, cancell*, disdett*', nl: 'annuler*, opzeg*', ar: 'الغاء, الغي*, الغيت',
    fa: 'لغو, کنسل', zh: '取消, 退订' } },
  { id: 'delivery', label: 'delivery and shipping', terms: {
    en: 'deliver*, shipping, shipment*, shipped, parcel*, package*, courier*', es: 'entrega*, envío*, envio*, paquete*, repartidor*',
    fr: 'livr*, colis, expédi*', de: 'liefer*, paket*, versand*, zustell*', pt: 'entreg*, envio*, encomenda*, pacote*',
    it: 'consegn*, spedizion*, pacco, pacchi', nl: 'lever*, bezorg*, pakket*, verzend*', ar: 'توصيل, شحن, الشحنه, طرد, مندوب, تسليم',
    fa: 'ارسال, تحویل, پیک, بسته', zh: '配送, 送达, 快递, 物流, 包裹, 发货, 送餐, 外卖' } },
  { id: 'delay', label: 'delays and waiting', terms: {
    en: 'late, delay*, still waiting, so long, overdue', es: 'retras*, tarde, demora*', fr: 'retard*, en attente',
    de: 'verspät*, verzöger*, zu spät, warte*', pt: 'atras*, demor*', it: 'ritard*', nl: 'vertrag*, te laat, wachten',
    ar: 'تاخير, تاخر, متاخر, انتظار, انتظرت', fa: 'تاخیر, دیر, منتظر', zh: '延迟, 迟到, 太慢, 还没到, 晚了, 等了, 慢' } },
  { id: 'tracking', label: 'order tracking', terms: {
    en: 'track*, where is my order, order status', es: 'seguimiento, rastre*, dónde está mi pedido', fr: 'suivi, où est ma commande',
    de: 'sendungsverfolgung, verfolg*, wo ist meine bestellung', pt: 'rastre*, onde está meu pedido', it: 'tracciamento, traccia*',
    nl: 'track*, volg*, waar is mijn bestelling', ar: 'تتبع, تعقب, اين طلبي', fa: 'پیگیری, رهگیری', zh: '查询物流, 跟踪, 追踪, 单号' } },
  { id: 'damaged', label: 'damaged or faulty items', terms: {
    en: 'damag*, broken, defect*, cracked, faulty', es: 'dañad*, roto, rota, defectuos*', fr: 'endommag*, cassé*, abîmé*, défectueu*',
    de: 'beschädig*, kaputt*, defekt*', pt: 'danificad*, quebrad*, defeituos*', it: 'danneggiat*, rotto, rotta, difettos*',
    nl: 'beschadig*, kapot*, defect*', ar: 'تالف, مكسور, معطوب, خربان, تلف', fa: 'خراب, شکسته, آسیب', zh: '损坏, 坏了, 破损, 摔坏' } },
  { id: 'missing', label: 'missing or wrong items', terms: {
    en: 'missing, wrong item*, not received, never received, never arrived, hasn\'t arrived', es: 'falta*, no he recibido, no ha llegado, equivocad*',
    fr: 'manquant*, pas reçu, pas arrivé*, mauvais article', de: 'fehlt, fehlend*, nicht erhalten, nicht angekommen, falsche*',
    pt: 'faltando, faltou, não recebi, não chegou, errado', it: 'mancant*, non ho ricevuto, non è arrivato, sbagliat*',
    nl: 'ontbreek*, ontbrak*, niet ontvangen, niet aangekomen, verkeerd*', ar: 'ناقص, لم استلم, لم يصل, ما وصل', fa: 'نرسید*, کم بود, اشتباه',
    zh: '少了, 漏送, 没收到, 送错, 少送, 没到' } },
  { id: 'return', label: 'returns and exchanges', terms: {
    en: 'return*, send back, send it back, exchang*', es: 'devol*, devuelv*, cambiar el producto', fr: 'retour*, renvoy*, échang*',
    de: 'rücksend*, zurückschick*, zurücksend*, umtausch*, retour*', pt: 'devolu*, devolv*, troca*', it: 'reso, resi, restitu*',
    nl: 'retour*, terugstur*, ruil*', ar: 'ارجاع, ترجيع, استبدال', fa: 'مرجوع*, تعویض', zh: '退货, 换货, 退回' } },
  { id: 'payment', label: 'payments', terms: {
    en: 'pay, paying, payment*, paid, checkout', es: 'pago*, pagar', fr: 'paiement*, payer, payé*', de: 'zahlung*, bezahl*, zahlen',
    pt: 'pagament*, pagar, paguei', it: 'pagament*, pagare, pagato', nl: 'betal*', ar: 'دفع, سداد, الدفع', fa: 'پرداخت*', zh: '支付, 付款, 付钱' } },
  { id: 'billing', label: 'charges and invoices', terms: {
    en: 'charged, charge*, bill, billing, billed, invoice*, overcharg*', es: 'cobr*, factura*', fr: 'factur*, débit*, prélev*',
    de: 'abbuch*, abgebucht, rechnung*, belast*', pt: 'cobr*, fatura*', it: 'addebit*, fattur*', nl: 'afgeschreven, afschrijving*, factu*',
    ar: 'فاتوره, فواتير, خصم من, تم خصم', fa: 'کسر, فاکتور, صورتحساب', zh: '扣款, 扣费, 发票, 账单, 扣了' } },
  { id: 'price', label: 'prices and fees', terms: {
    en: 'price*, pricing, expensive, overpriced, fee, fees', es: 'precio*, caro, cara, tarifa*', fr: 'prix, cher, chère, tarif*',
    de: 'preis*, teuer*, gebühr*', pt: 'preço*, caro, cara, taxa*', it: 'prezz*, caro, cara, costos*, tariff*', nl: 'prijs*, prijzen, duur, kosten',
    ar: 'سعر, اسعار, غالي, غاليه', fa: 'قیمت*, گران*', zh: '价格, 太贵, 价钱, 配送费' } },
  { id: 'discount', label: 'discounts and vouchers', terms: {
    en: 'discount*, coupon*, promo*, voucher*', es: 'descuento*, cupón, cupon*, promoci*', fr: 'réduction*, remise*, coupon*, code promo',
    de: 'rabatt*, gutschein*', pt: 'descont*, cupom, cupons', it: 'scont*, coupon, buono sconto', nl: 'korting*, waardebon*',
    ar: 'كوبون, كود خصم, تخفيض, عرض, عروض', fa: 'تخفیف*, کد تخفیف', zh: '优惠, 折扣, 红包, 优惠券, 满减' } },
  { id: 'account', label: 'accounts and profiles', terms: {
    en: 'account*, profile*, sign up, register*, registration', es: 'cuenta*, perfil*, registr*', fr: 'compte*, profil*, inscri*',
    de: 'konto*, profil*, registrier*', pt: 'conta, contas, perfil*, cadastr*', it: 'account, profil*, registr*', nl: 'account*, profiel*, registr*',
    ar: 'حساب*, ملف', fa: 'حساب*, پروفایل, ثبت نام', zh: '账号, 账户, 注册, 个人资料' } },
  { id: 'login', label: 'login and passwords', terms: {
    en: 'password*, log in, login, sign in, locked out, verification code', es: 'contraseña*, iniciar sesión', fr: 'mot de passe, connexion, connecter',
    de: 'passwort*, anmeld*, einlogg*, login', pt: 'senha*, login', it: 'password, accesso, accedere', nl: 'wachtwoord*, inlog*',
    ar: 'كلمه المرور, كلمه السر, تسجيل الدخول', fa: 'رمز عبور, رمز, ورود', zh: '密码, 登录, 登陆, 验证码' } },
  { id: 'card', label: 'cards', terms: {
    en: 'card, cards, credit card, debit card', es: 'tarjeta*', fr: 'carte bancaire, carte de crédit, carte', de: 'karte*', pt: 'cartão, cartões, cartao',
    it: 'carta di credito, carta', nl: 'kaart*, bankpas*', ar: 'بطاقه, بطاقتي, كرت', fa: 'کارت*', zh: '银行卡, 信用卡' } },
  { id: 'subscription', label: 'subscriptions', terms: {
    en: 'subscri*, membership*, renew*', es: 'suscripci*, membresía', fr: 'abonnement*, abonn*', de: 'abo, abos, abonnement*, mitgliedschaft*',
    pt: 'assinatura*', it: 'abbonament*', nl: 'abonnement*, lidmaatschap*', ar: 'اشتراك, تجديد', fa: 'اشتراک*, تمدید', zh: '会员, 订阅, 续费' } },
  { id: 'app', label: 'app and website problems', terms: {
    en: 'app, apps, website, crash*, bug, bugs, error*, glitch*, not working, doesn\'t work', es: 'aplicación, app, página web, error*, fallo*, no funciona',
    fr: 'application, appli, site, bug*, erreur*, ne marche pas, ne fonctionne pas', de: 'app, webseite, website, fehlermeldung*, absturz, stürzt ab, funktioniert nicht',
    pt: 'aplicativo, app, site, erro*, não funciona, trav*', it: 'app, applicazione, sito, errore, errori, non funziona', nl: 'app, website, storing*, foutmelding*, werkt niet',
    ar: 'تطبيق, التطبيق, الموقع, خطا, لا يعمل, ما يشتغل', fa: 'اپلیکیشن, برنامه, سایت, خطا', zh: '软件, 闪退, 打不开, 网站, 系统, 报错, 出错' } },
  { id: 'change', label: 'changing an order or details', terms: {
    en: 'change*, modify*, edit*, update my', es: 'modific*, cambiar, cambio', fr: 'modifi*, changer, changement*', de: 'änder*, umbuch*',
    pt: 'alter*, modific*, mudar', it: 'modific*, cambiare', nl: 'wijzig*, aanpass*', ar: 'تعديل, تغيير', fa: 'تغییر*, ویرایش', zh: '修改, 更改' } },
  { id: 'address', label: 'addresses', terms: {
    en: 'address*', es: 'dirección*, direccion*', fr: 'adresse*', de: 'adresse*, anschrift', pt: 'endereço*, endereco*', it: 'indirizz*',
    nl: 'adres*', ar: 'عنوان, العنوان', fa: 'آدرس, نشانی', zh: '地址' } },
  { id: 'contact', label: 'reaching support', terms: {
    en: 'speak to, talk to, human, representative, phone, call, called, no response, no reply, customer service, customer support',
    es: 'hablar con, atención al cliente, llamar, llamé, teléfono, respuesta', fr: 'parler à, service client, appeler, téléphone, réponse',
    de: 'kundenservice, kundendienst, hotline, anruf*, telefon*, antwort*, erreich*', pt: 'atendimento, falar com, ligar, liguei, telefone, resposta',
    it: 'assistenza, servizio clienti, parlare con, telefon*, rispost*', nl: 'klantenservice, bellen, gebeld, telefo*, antwoord*, reactie',
    ar: 'خدمه العملاء, التواصل, اتصال, اتصلت, الرد, موظف', fa: 'پشتیبانی, تماس, پاسخ, جواب', zh: '客服, 电话, 人工, 回复, 联系' } },
  { id: 'complaint', label: 'complaints', terms: {
    en: 'complain*, unacceptable', es: 'queja*, reclamación*, reclamo*', fr: 'plainte*, réclamation*', de: 'beschwer*, reklamation*',
    pt: 'reclama*', it: 'reclam*, lamentel*', nl: 'klacht*, klagen', ar: 'شكوى, شكاوى, اشتكي', fa: 'شکایت', zh: '投诉' } },
  { id: 'quality', label: 'food and product quality', terms: {
    en: 'quality, taste*, tasty, food, meal*, cold', es: 'calidad, sabor*, comida, frío, fría', fr: 'qualité, goût*, nourriture, repas, froid*',
    de: 'qualität, geschmack*, essen, kalt', pt: 'qualidade, sabor*, comida, frio, fria', it: 'qualità, sapore*, cibo, freddo, fredda',
    nl: 'kwaliteit, smaak*, eten, koud', ar: 'جوده, طعم, اكل, الاكل, بارد', fa: 'کیفیت, طعم, غذا, سرد', zh: '质量, 味道, 口味, 凉了, 难吃, 好吃' } },
  { id: 'staff', label: 'staff attitude', terms: {
    en: 'rude*, unfriendly, attitude, unprofessional', es: 'groser*, maleducad*, mala atención', fr: 'impoli*, désagréable*, malpoli*',
    de: 'unfreundlich*, unhöflich*', pt: 'grosseir*, mal educad*', it: 'scortes*, maleducat*', nl: 'onvriendelijk*, onbeleefd*',
    ar: 'وقح, اسلوب, تعامل', fa: 'بی ادب, برخورد', zh: '态度, 不礼貌' } },
];

/** Concept ids and readable labels, for display. */
export const CONCEPT_LABELS: ReadonlyMap<string, string> = new Map(DICTIONARY.map((c) => [c.id, c.label]));

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compileTerms(list: string, lang: string): RegExp {
  const { conceptsInsideWords, conceptPrefix } = writingOf(lang);
  const alternatives = list
    .split(',')
    .map((raw) => raw.trim())
    .filter(Boolean)
    .map((raw) => {
      const open = raw.endsWith('*');
      const term = escape(normalizeText(open ? raw.slice(0, -1) : raw, lang)).replace(/\s+/g, '\\s+');
      if (conceptsInsideWords) return term;
      return term + (open ? '[\\p{L}\\p{M}]*' : '');
    });
  const body = `(?:${alternatives.join('|')})`;
  if (conceptsInsideWords) return new RegExp(body, 'u');
  const prefix = conceptPrefix ?? '';
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${prefix}${body}(?![\\p{L}\\p{M}\\p{N}])`, 'u');
}

const compiled = new Map<string, Array<[string, RegExp]>>();
function matchersFor(lang: string): Array<[string, RegExp]> {
  let m = compiled.get(lang);
  if (!m) {
    m = DICTIONARY.flatMap((c) => (c.terms[lang] ? [[c.id, compileTerms(c.terms[lang]!, lang)] as [string, RegExp]] : []));
    compiled.set(lang, m);
  }
  return m;
}

/** Languages the concept dictionary covers. */
export const CONCEPT_LANGUAGES: readonly string[] = [...new Set(DICTIONARY.flatMap((c) => Object.keys(c.terms)))].sort();

/** Concept ids a message mentions (empty for languages the dictionary does not cover). */
export function conceptsOf(text: string, lang: string): string[] {
  const norm = normalizeText(text, lang);
  return matchersFor(lang).filter(([, re]) => re.test(norm)).map(([id]) => id);
}

/** A theme's concept profile: the share of its messages that mention each concept. */
export interface ConceptProfile {
  id: string;
  lang: string;
  label: string;
  /** concept id -> share of the theme's messages mentioning it, strongest first */
  concepts: Array<[string, number]>;
}

/** A concept counts for a theme when at least this share of its messages mention it. */
const MIN_SHARE = 0.25;
/** Concepts kept per theme. */
const TOP_CONCEPTS = 3;
/** Two themes are related when their shared concepts weigh at least this much (sum of the smaller shares). */
export const MIN_RELATION = 0.3;
const MAX_RELATED = 3;

/**
 * Profile of one theme from its members' messages. `lang` is the theme's language, or "*" for a theme the
 * taxonomy defines (those match in every language).
 */
export function conceptProfile(theme: { id: string; lang: string; label: string }, members: Iterable<{ text: string; lang: string }>): ConceptProfile {
  const counts = new Map<string, number>();
  let n = 0;
  for (const m of members) {
    n++;
    for (const c of conceptsOf(m.text, m.lang)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const concepts = [...counts]
    .map(([c, k]) => [c, Math.round((k / Math.max(1, n)) * 100) / 100] as [string, number])
    .filter(([, s]) => s >= MIN_SHARE)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_CONCEPTS);
  return { ...theme, concepts };
}

/** How much two profiles are about the same concepts: the sum of the smaller shares of the concepts they share. */
export function conceptRelation(a: ConceptProfile['concepts'], b: ConceptProfile['concepts']): number {
  const mine = new Map(a);
  let weight = 0;
  for (const [c, s] of b) {
    const m = mine.get(c);
    if (m !== undefined) weight += Math.min(m, s);
  }
  return weight;
}

export interface RelatedTheme {
  id: string;
  lang: string;
  label: string;
  /** concept ids both themes are about */
  shared: string[];
}

/**
 * For each theme, the themes in other languages about the same concepts (strongest first). Themes in the same
 * language are never related here: within a language, discovery already separated them on purpose. Defined
 * themes (lang "*") relate to discovered themes in any language, and a discovered theme to them.
 */
export function relateAcrossLanguages(profiles: ConceptProfile[]): Map<string, RelatedTheme[]> {
  const out = new Map<string, RelatedTheme[]>();
  for (const a of profiles) {
    const mine = new Map(a.concepts);
    const scored: Array<[RelatedTheme, number]> = [];
    for (const b of profiles) {
      if (b.lang === a.lang || !b.concepts.length) continue;
      let weight = 0;
      const shared: string[] = [];
      for (const [c, s] of b.concepts) {
        const m = mine.get(c);
        if (m === undefined) continue;
        weight += Math.min(m, s);
        shared.push(c);
      }
      if (weight >= MIN_RELATION) scored.push([{ id: b.id, lang: b.lang, label: b.label, shared }, weight]);
    }
    scored.sort((x, y) => y[1] - x[1] || (x[0].id < y[0].id ? -1 : 1));
    if (scored.length) out.set(a.id, scored.slice(0, MAX_RELATED).map(([r]) => r));
  }
  return out;
}
