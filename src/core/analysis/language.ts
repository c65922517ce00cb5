/**
 * Language identification for short support messages.
 * Non-Latin scripts are decided by script (with letter-level cues for fa/ar/ur, uk/ru, ja/zh);
 * Latin-script languages by hand-written function-word profiles plus orthographic cues.
 */
import { lazy } from '../lazy';

const WORDS: Record<string, string> = {
  en: `the a an and or but is are was were be been am i you he she it we they my your our their me him her us them this that these those
    to of in on at for with from by about as into not no don't doesn't didn't can't won't isn't it's i'm i've have has had do does did
    will would can could should there here what when where why how who which just still please thanks thank help hi hello any get got
    been yet again now today order account card refund money payment want need know if so than too very why still waiting
    ever service customer best worst great good bad thanks love hate flight delayed cancelled`,
  es: `el la los las un una unos unas y o pero es son está están estoy fue ser de del al en con por para sin que qué como cómo
    cuando cuándo donde dónde porque mi mis tu su sus nos les le lo muy más ya todavía aún no sí hola gracias favor hay tengo tiene
    este esta esto eso ese pedido cuenta tarjeta dinero nunca nada también hace ha he han hemos quiero puedo puede`,
  fr: `le la les un une des et ou mais est sont était être de du au aux en dans avec pour par sans que qui quoi comme quand où
    pourquoi mon ma mes ton ta tes son sa ses notre nos votre vos leur je tu il elle nous vous ils elles ne pas plus très déjà
    encore toujours bonjour merci oui non il y a ai avez avons j'ai c'est n'est ce cette ces commande compte carte argent rien jamais aussi`,
  de: `der die das den dem des ein eine einen einem einer und oder aber ist sind war waren sein bin bist von vom zu zum zur in im
    mit für auf aus bei nach ohne dass was wie wann wo warum mein meine mein deine sein ihr unser euer ich du er sie es wir ihr
    nicht kein keine nie noch schon sehr mehr auch hallo danke bitte ja nein habe hat haben wurde werden wird kann können bestellung
    konto karte geld nichts immer jetzt heute macht gut gibt geht mal wieder nur wenn dann denn weil also ob man uns euch ihm ihn
    schon noch sich auch über unter warum wieso bahn zug`,
  pt: `o a os as um uma uns umas e ou mas é são está estão estou foi ser de do da dos das no na nos nas em com por para sem que
    como quando onde porque meu minha meus minhas seu sua seus suas nosso não sim muito mais já ainda olá obrigado obrigada
    favor tem tenho ter isso isto esse essa este esta pedido conta cartão dinheiro nunca nada também você vocês eu ele ela`,
  it: `il lo la i gli le un uno una e o ma è sono era essere di del della dei degli delle al alla in nel nella con per da dal
    dalla senza che chi come quando dove perché mio mia miei mie tuo tua suo sua nostro non sì molto più già ancora ciao grazie
    favore ho hai ha abbiamo avete hanno questo questa quello quella ordine conto carta soldi mai niente anche io lui lei noi voi`,
  nl: `de het een en of maar is zijn was waren ben van in op aan met voor door zonder dat wat hoe wanneer waar waarom mijn
    jouw zijn haar ons onze jullie hun ik jij je hij zij wij we niet geen nooit nog al erg meer ook hallo dank bedankt alstublieft
    graag ja nee heb heeft hebben wordt worden kan kunnen bestelling rekening kaart geld niets altijd nu vandaag deze dit die er`,
  sv: `och att det som en ett är inte jag du han hon vi ni de för med på av till från har hade kan vill mycket tack hej min mitt
    mina din ditt hur varför när var också men eller`,
  tr: `ve bir bu da de ile için ama çok değil ben sen biz siz onlar ne neden nasıl zaman var yok teşekkürler merhaba lütfen
    benim sipariş hesap kart para hala daha`,
  pl: `i w na z do nie się jest że to jak ale co czy dla od po już jeszcze bardzo dziękuję dzień dobry proszę mój moja moje
    przez był była jestem mam`,
  id: `dan yang di ke dari untuk dengan ini itu tidak ada saya anda kami kita mereka apa kenapa bagaimana sudah belum masih
    terima kasih tolong mohon pesanan akun kartu uang`,
};

/** Everyday support vocabulary: weaker evidence than function words, and the source of the trigram profiles. */
const VOCAB: Record<string, string> = {
  en: `service help order delivery parcel package payment charged working broken blocked locked account card refund cancel subscription
    waiting late arrived received customer support problem issue thanks great good bad need want still app crashing password login
    where when why please money transfer fee phone call email reply answer booking ticket seat baggage luggage store shipping`,
  es: `servicio ayuda pedido entrega paquete pago cobro funciona roto bloqueada bloqueado cuenta tarjeta reembolso cancelar suscripción
    esperando tarde llegó recibido cliente atención problema gracias bueno buena buen malo mala necesito quiero todavía aplicación
    contraseña dinero transferencia comisión teléfono llamada correo respuesta reserva billete equipaje tienda envío dónde`,
  fr: `service aide commande livraison colis paiement débité fonctionne cassé bloquée bloqué compte carte remboursement annuler abonnement
    attente retard arrivée arrivé reçu client problème merci bon bonne mauvais besoin veux toujours application mot passe argent
    virement frais téléphone appel courriel réponse réservation billet bagage magasin expédition où`,
  de: `service hilfe bestellung lieferung paket zahlung abgebucht funktioniert kaputt gesperrt konto karte rückerstattung stornieren abo
    warte warten spät angekommen erhalten kunde kundenservice problem danke vielen dank guter gute gutes schlecht brauche möchte
    app passwort geld überweisung gebühr telefon anruf antwort buchung ticket gepäck laden versand wo`,
  pt: `serviço atendimento ajuda pedido entrega pacote encomenda pagamento cobrado funciona quebrado bloqueado conta cartão reembolso
    cancelar assinatura esperando atrasado atrasada chegou recebi cliente problema obrigado ótimo ótima bom boa ruim preciso quero
    ainda aplicativo senha dinheiro transferência taxa telefone ligação resposta reserva bilhete bagagem loja envio cadê onde`,
  it: `servizio assistenza aiuto ordine consegna pacco pagamento addebitato funziona rotto bloccata bloccato conto carta rimborso
    annullare abbonamento attesa ritardo arrivato arrivata ricevuto cliente problema grazie ottimo ottima buono buona cattivo bisogno
    voglio ancora app password soldi bonifico commissione telefono chiamata risposta prenotazione biglietto bagaglio negozio spedizione dov'è`,
  nl: `service hulp bestelling levering pakket betaling afgeschreven werkt kapot geblokkeerd rekening kaart terugbetaling annuleren
    abonnement wachten laat aangekomen ontvangen klant klantenservice probleem bedankt goede goed slecht nodig wil nog steeds app
    wachtwoord geld overboeking kosten telefoon bellen antwoord boeking kaartje bagage winkel verzending waar`,
};

/**
 * Character trigram profiles derived from the word lists above (lang -> trigram -> weight). This and the word indexes
 * below are built on first use (lazy), not when the module is imported: importing it is part of every cold start.
 */
const TRIGRAMS = lazy(() => {
  const trigrams = new Map<string, Map<string, number>>();
  const owners = new Map<string, Set<string>>();
  for (const src of [WORDS, VOCAB]) {
    for (const [lang, list] of Object.entries(src)) {
      for (const w of list.split(/\s+/).filter((x) => x.length > 2)) {
        const padded = ` ${w} `;
        for (let i = 0; i + 3 <= padded.length; i++) {
          const g = padded.slice(i, i + 3);
          const o = owners.get(g) ?? new Set<string>();
          o.add(lang);
          owners.set(g, o);
        }
      }
    }
  }
  for (const [g, langs] of owners) {
    const m = new Map<string, number>();
    for (const l of langs) m.set(l, 1 / langs.size);
    trigrams.set(g, m);
  }
  return trigrams;
});

interface Cue { re: RegExp; lang: string; w: number }
const CUES: Cue[] = [
  { re: /[ñ¿¡]/g, lang: 'es', w: 2 },
  { re: /ción\b|ciones\b/g, lang: 'es', w: 1.5 },
  { re: /[ãõ]/g, lang: 'pt', w: 2 },
  { re: /ção\b|ções\b/g, lang: 'pt', w: 2 },
  { re: /ß/g, lang: 'de', w: 2 },
  { re: /[äöü]/g, lang: 'de', w: 0.8 },
  { re: /\w(ung|keit|heit|lich|schaft)\b|sch/g, lang: 'de', w: 0.6 },
  { re: /[ìò]|zion[ei]\b|\w(ggi|cch|zz|gli)/g, lang: 'it', w: 0.8 },
  { re: /[èêàùç]|\b[cdjlmnst]'\w|eux\b|aux\b/g, lang: 'fr', w: 0.7 },
  { re: /ij|\w(heid|lijk)\b|oe|aa|uu/g, lang: 'nl', w: 0.5 },
  { re: /[ğış]/g, lang: 'tr', w: 2 },
  { re: /[ąęłńśźż]/g, lang: 'pl', w: 2 },
  { re: /[åø]/g, lang: 'sv', w: 1.5 },
  { re: /\w(ing|tion|ly)\b|th|\b\w+'(s|t|m|re|ve|ll|d)\b/g, lang: 'en', w: 0.5 },
];

const WORD_INDEX = lazy(() => {
  const index = new Map<string, Array<[string, number]>>();
  const owners = new Map<string, string[]>();
  for (const [lang, list] of Object.entries(WORDS)) {
    for (const w of new Set(list.split(/\s+/).filter(Boolean))) {
      const o = owners.get(w) ?? [];
      o.push(lang);
      owners.set(w, o);
    }
  }
  for (const [w, langs] of owners) index.set(w, langs.map((l) => [l, 1 / langs.length]));
  return index;
});

const VOCAB_INDEX = lazy(() => {
  const index = new Map<string, Array<[string, number]>>();
  const owners = new Map<string, string[]>();
  for (const [lang, list] of Object.entries(VOCAB)) {
    for (const w of new Set(list.split(/\s+/).filter(Boolean))) {
      if (WORD_INDEX().has(w)) continue;
      const o = owners.get(w) ?? [];
      o.push(lang);
      owners.set(w, o);
    }
  }
  for (const [w, langs] of owners) index.set(w, langs.map((l) => [l, 1 / langs.length]));
  return index;
});
const TRIGRAM_WEIGHT = 1;

const SCRIPTS: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/gu, 'ja'],
  [/[\uac00-\ud7af\u1100-\u11ff]/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Arabic}/gu, 'arabic'],
  [/\p{Script=Cyrillic}/gu, 'cyrillic'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Bengali}/gu, 'bn'],
  [/\p{Script=Tamil}/gu, 'ta'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Armenian}/gu, 'hy'],
  [/\p{Script=Latin}/gu, 'latin'],
];

/** Matches of a global pattern (none of ours can match empty), counted by the regexp engine in one call. */
function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  return text.match(re)?.length ?? 0;
}

/**
 * Each word's trigram profiles, in order, as flat [lang, weight, lang, weight, …] lists (an empty list for a
 * trigram no language has): words repeat across messages, so the lookups are done once per word, and the
 * scoring loop walks arrays instead of Map iterators. Same additions in the same order as before.
 */
const WORD_TRIGRAMS = new Map<string, Array<Array<string | number>>>();
const WORD_TRIGRAMS_MAX = 50_000;

function trigramsOf(word: string): Array<Array<string | number>> {
  let profiles = WORD_TRIGRAMS.get(word);
  if (!profiles) {
    profiles = [];
    const padded = ` ${word} `;
    const trigrams = TRIGRAMS();
    for (let i = 0; i + 3 <= padded.length; i++) profiles.push([...(trigrams.get(padded.slice(i, i + 3)) ?? [])].flat());
    if (WORD_TRIGRAMS.size >= WORD_TRIGRAMS_MAX) WORD_TRIGRAMS.clear();
    WORD_TRIGRAMS.set(word, profiles);
  }
  return profiles;
}

function arabicScriptLanguage(t: string): string {
  let fa = 3 * count(t, /[پچژگ]/g) + count(t, /[یک]/g);
  let ar = count(t, /[يكةى]/g) + 0.5 * count(t, /(^|\s)ال/g);
  const ur = 3 * count(t, /[ٹڈڑںے]/g);
  if (/(^|\s)(است|این|را|می|برای|خیلی|بود|نبود|نیست|هم|که|خوب|از|رو|شد|نشد|تو|اون|همه|دیگه|چون|ولی)(?=[^\p{L}]|$)/u.test(t)) fa += 2;
  if (/(^|\s)(شده|نشده|میشه|هست|بودن|داشت|نداشت|خیلی|اصلا|واقعا|ممنون|مرسی|غذا|سفارش|ممنونم|بابت|شود|نمیشه|خوش|خوشمزه)(?=[^\p{L}]|$)/u.test(t)) fa += 1.5;
  if (/(^|\s)(في|على|هذا|هذه|التي|الذي|إلى|لا|لم|كان|جدا)(?=[^\p{L}]|$)/u.test(t)) ar += 2;
  if (ur > fa && ur > ar) return 'ur';
  return fa > ar ? 'fa' : 'ar';
}

function latinLanguage(text: string): string {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const scores = new Map<string, number>();
  const add = (l: string, w: number): void => void scores.set(l, (scores.get(l) ?? 0) + w);
  const words = lower.match(/[\p{L}']+/gu) ?? [];
  const wordIndex = WORD_INDEX();
  const vocabIndex = VOCAB_INDEX();
  for (const w of words) {
    const hits = wordIndex.get(w) ?? (w.includes("'") ? wordIndex.get(w.split("'")[0] ?? '') : undefined);
    if (hits) for (const [l, s] of hits) add(l, s);
  }
  for (const w of words) {
    const hits = vocabIndex.get(w);
    if (hits) for (const [l, sc] of hits) add(l, 0.6 * sc);
  }
  // Character trigrams: a weak, length-normalised signal that covers unseen inflections.
  const tri = new Map<string, number>();
  let nTri = 0;
  for (const w of words) {
    for (const m of trigramsOf(w)) {
      nTri++;
      for (let k = 0; k < m.length; k += 2) tri.set(m[k] as string, (tri.get(m[k] as string) ?? 0) + (m[k + 1] as number));
    }
  }
  for (const c of CUES) {
    const n = count(lower, c.re);
    if (n) add(c.lang, Math.min(3, n) * c.w);
  }
  // Without any word or spelling evidence, plain ASCII text is most likely English (hashtags, names, "awesome!").
  const asciiOnly = words.every((w) => /^[a-z']+$/.test(w));
  if (!scores.size && asciiOnly) return words.length ? 'en' : 'und';
  if (nTri) for (const [l, sc] of tri) add(l, (TRIGRAM_WEIGHT * sc) / Math.sqrt(nTri));
  let best = 'und';
  let bestScore = 0;
  for (const [l, s] of scores) {
    if (s > bestScore) {
      best = l;
      bestScore = s;
    }
  }
  return best;
}

/** Primary language subtag in lower case: "pt-BR" -> "pt", "EN" -> "en"; empty -> "und". */
export function baseLanguage(lang: string | undefined): string {
  const l = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return l || 'und';
}

/** ISO 639-1 code of the text's language, or 'und' when there is nothing to go on. */
/**
 * Answers for texts seen before: agent templates, canned greetings and short replies recur across thousands of
 * conversations, and detection is a pure function of the text. Short texts only, and a bounded count.
 */
const DETECTED = new Map<string, string>();
const DETECTED_MAX = 20_000;
const DETECTED_MAX_CHARS = 600;

export function detectLanguage(text: string): string {
  if (text.length > DETECTED_MAX_CHARS) return detect(text);
  let lang = DETECTED.get(text);
  if (lang === undefined) {
    lang = detect(text);
    if (DETECTED.size >= DETECTED_MAX) DETECTED.clear();
    DETECTED.set(text, lang);
  }
  return lang;
}

function detect(text: string): string {
  // The first couple of thousand characters are plenty, and keep the cost flat on huge inputs.
  const t = (text.length > 2000 ? text.slice(0, 2000) : text)
    .replace(/https?:\/\/\S+|www\.\S+/gi, ' ')
    .replace(/(^|\s)[@#]\w+/gu, ' ');
  let best = '';
  let bestN = 0;
  let total = 0;
  for (const [re, name] of SCRIPTS) {
    const n = count(t, re);
    total += n;
    // Japanese kana outweighs the Han characters it mixes with.
    const weight = name === 'ja' ? n * 3 : n;
    if (weight > bestN) {
      best = name;
      bestN = weight;
    }
  }
  if (!total || !best) return 'und';
  if (best === 'arabic') return arabicScriptLanguage(t);
  if (best === 'cyrillic') {
    if (/[їєґі]/i.test(t)) return 'uk';
    if (/[ўі]/i.test(t) && !/[ыэъ]/i.test(t)) return 'be';
    return 'ru';
  }
  if (best === 'latin') return latinLanguage(t);
  return best;
}
