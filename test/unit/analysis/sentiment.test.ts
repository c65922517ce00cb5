import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../../src/core/analysis/index';
import { writtenRating } from '../../../src/core/analysis/sentiment';

const label = (t: string, lang?: string): string => analyzeSentiment(t, lang).label;

describe('analyzeSentiment', () => {
  it('knows support talk', () => {
    expect(label('still waiting for my refund', 'en')).toBe('negative');
    expect(label('sorted, thanks!', 'en')).toBe('positive');
    expect(label('no response from your support team', 'en')).toBe('negative');
    expect(label('I was charged twice for the same order', 'en')).toBe('negative');
    expect(label('my flight got cancelled', 'en')).toBe('negative');
    expect(label('What time does the store open?', 'en')).toBe('neutral');
  });
  it('handles negation', () => {
    expect(label('the agent was helpful', 'en')).toBe('positive');
    expect(label('the agent was not helpful', 'en')).toBe('negative');
    expect(analyzeSentiment('not bad', 'en').score).toBeGreaterThanOrEqual(0);
  });
  it('weights the clause after "but"', () => {
    expect(label('the staff were nice but my bag is still lost', 'en')).toBe('negative');
    expect(label('it took a while but it is sorted now, thanks', 'en')).toBe('positive');
  });
  it('boosts intensifiers, elongation and exclamation', () => {
    const base = analyzeSentiment('good', 'en').score;
    expect(analyzeSentiment('very good', 'en').score).toBeGreaterThan(base);
    expect(analyzeSentiment('sooooo goooood', 'en').score).toBeGreaterThan(base);
    expect(analyzeSentiment('good!!!', 'en').score).toBeGreaterThan(base);
  });
  it('reads emoji and emoticons', () => {
    expect(label('my order 😡', 'en')).toBe('negative');
    expect(label('arrived today 😍', 'en')).toBe('positive');
    expect(label('ok :(', 'en')).toBe('negative');
  });
  it('keeps the score in [-1, 1]', () => {
    const s = analyzeSentiment('worst worst worst terrible awful horrible scam fraud!!!!!!', 'en').score;
    expect(s).toBeGreaterThanOrEqual(-1);
    expect(s).toBeLessThan(-0.9);
  });
  it('reads a closed complaint as good news', () => {
    expect(label('the outage is fixed now', 'en')).toBe('positive');
    expect(label('Der Streik ist beendet', 'de')).toBe('positive');
    expect(label('the outage is not fixed', 'en')).toBe('negative');
  });
  it('handles German negation after the verb', () => {
    expect(label('Die App klappt nicht', 'de')).toBe('negative');
    expect(label('Alles lief problemlos', 'de')).toBe('positive');
  });
  it('reads opinion words glued into hashtags, conservatively', () => {
    expect(label('flight 123 #worstairlineever', 'en')).toBe('negative');
    expect(label('watching the #oscars on board', 'en')).toBe('neutral');
  });
  it('accepts regional language tags', () => {
    expect(label('Das war nicht gut', 'de-DE')).toBe('negative');
    expect(label('Muito obrigado, tudo resolvido', 'pt-BR')).toBe('positive');
  });
  it('detects the language when none is given', () => {
    expect(label('Vielen Dank, alles super!')).toBe('positive');
    expect(label('太慢了，菜都凉了')).toBe('negative');
  });
  it('covers the other languages', () => {
    expect(label('Todavía no me ha llegado el pedido, pésimo servicio', 'es')).toBe('negative');
    expect(label('Muchas gracias, todo resuelto', 'es')).toBe('positive');
    expect(label("Je n'ai toujours pas reçu ma commande", 'fr')).toBe('negative');
    expect(label('Merci beaucoup, service excellent', 'fr')).toBe('positive');
    expect(label('Der Zug hat schon wieder Verspätung', 'de')).toBe('negative');
    expect(label('Das war nicht gut', 'de')).toBe('negative');
    expect(label('Ainda não recebi o meu pedido, péssimo', 'pt')).toBe('negative');
    expect(label('Grazie mille, tutto risolto', 'it')).toBe('positive');
    expect(label('Nog steeds geen antwoord, belachelijk', 'nl')).toBe('negative');
    expect(label('菜味道很棒！送餐很及时！', 'zh')).toBe('positive');
    expect(label('不好吃', 'zh')).toBe('negative');
    expect(label('غذا خیلی خوشمزه بود', 'fa')).toBe('positive');
    expect(label('غذا خوب نبود', 'fa')).toBe('negative');
    expect(label('غذا سرد بود', 'fa')).toBe('negative');
    expect(label('الخدمة ممتازة', 'ar')).toBe('positive');
    expect(label('المكان ليس جيدا', 'ar')).toBe('negative');
  });
  it('limits negation scope to the next opinion word', () => {
    // "not good, and bad": the negator must not also flip "bad".
    expect(label('المنتج غير جيدة ورديئة جدا', 'ar')).toBe('negative');
    expect(label('the staff were not friendly and rude', 'en')).toBe('negative');
  });
  it('reads complaints without opinion words', () => {
    expect(label("I can't log in to my account", 'en')).toBe('negative');
    expect(label('筷子都没有', 'zh')).toBe('negative');
    expect(label('نوشابه رو نفرستادن', 'fa')).toBe('negative');
  });
  it('handles negation glued to Arabic words and German compounds', () => {
    expect(label('منتج لايستحق', 'ar')).toBe('negative');
    expect(label('Schon wieder Dauerstreik', 'de')).toBe('negative');
  });
  it('reads elongated words in Arabic and English', () => {
    expect(label('ممتاااااااز', 'ar')).toBe('positive');
    expect(label('thaaaaanks so much', 'en')).toBe('positive');
  });
  it('treats a bare thank-you in a request as polite, not positive', () => {
    expect(label('Can you check my booking please? Thanks', 'en')).toBe('neutral');
  });
  it('normalises Arabic letters before lexicon look-up', () => {
    expect(label('مُمْتَازٌ', 'ar')).toBe('positive');
    expect(label('غذا خيلي خوشمزه بود', 'fa')).toBe('positive'); // Arabic yeh in Persian text
  });
  it('ignores symbol entries of the translated lexicons (NFKC must not turn "ⓐ" into a scored "a")', () => {
    expect(label('Como eu troco a senha da conta?', 'pt')).toBe('neutral');
    expect(label('Quero mudar o endereço de e-mail', 'pt')).toBe('neutral');
    expect(label('¿Dónde está la factura de mi compra?', 'es')).toBe('neutral');
  });
  it('reads stems of the translated lexicons ("aprov*")', () => {
    expect(label('O meu cadastro foi aprovado hoje', 'pt')).toBe('positive');
  });
  it('lets a scored negator negate instead of counting as an opinion', () => {
    expect(label('Sempre compro aqui e nunca tive nenhum problema', 'pt')).toBe('positive');
    expect(label('A loja nunca teve problema comigo', 'pt')).not.toBe('negative');
    expect(label('Não fiquei nada satisfeito com a troca', 'pt')).toBe('negative');
  });
  it('handles Portuguese informal spelling, dropped accents and slang', () => {
    expect(label('o atendimento foi pessimo', 'pt')).toBe('negative');
    expect(label('nao gostei do atendimento', 'pt')).toBe('negative');
    expect(label('valeu, show de bola', 'pt')).toBe('positive');
    expect(label('servicio pesimo, nunca mas', 'es')).toBe('negative');
  });
  it('reads a refunded or fixed Portuguese complaint as good news', () => {
    expect(label('A cobrança duplicada foi estornada, obrigado', 'pt')).toBe('positive');
    expect(label('O problema foi corrigido', 'pt')).toBe('positive');
  });
  it('does not count praise that is only wished for', () => {
    expect(label('a reply within a day would be great', 'en')).toBe('neutral');
    expect(label('I hope it is good', 'en')).toBe('neutral');
    expect(label('the new app is good', 'en')).toBe('positive');
  });
  it('reads "too early" as a complaint, not as punctuality', () => {
    expect(analyzeSentiment('they closed the gate too early', 'en').score).toBeLessThan(0);
    expect(analyzeSentiment('landed early, great crew', 'en').score).toBeGreaterThan(0);
  });
  it('keeps Chinese opinion characters inside ordinary words neutral', () => {
    expect(label('好像是昨天下的单', 'zh')).toBe('neutral');
    expect(label('快递到了吗', 'zh')).toBe('neutral');
    expect(label('晚上八点送到', 'zh')).toBe('neutral');
  });
  it('reads Chinese "太X了" (too X) as a complaint and widens negation over single characters', () => {
    expect(label('这次的汤太咸了', 'zh')).toBe('negative');
    expect(label('面条太硬', 'zh')).toBe('negative');
    expect(analyzeSentiment('味道没有以前好', 'zh').score).toBeLessThan(0);
  });
  it('finds the German participle that closes a complaint at the end of the clause', () => {
    expect(label('Die Streiks der Lokführer werden heute beendet', 'de')).toBe('positive');
    expect(label('Die Streiks der Lokführer gehen weiter', 'de')).toBe('negative');
  });
  it('does not call a German message positive for one mild descriptive word', () => {
    expect(label('Die Bahn feiert die neue Strecke', 'de')).toBe('neutral');
    expect(label('Die neue Strecke ist wirklich toll', 'de')).toBe('positive');
  });
  it('reads Chinese lukewarm and surprised-complaint words', () => {
    expect(label('味道一般般', 'zh')).toBe('negative');
    expect(label('米饭里竟然有沙子', 'zh')).toBe('negative');
    expect(label('送得很快，就是有点辣', 'zh')).toBe('positive');
  });
  it('reads Arabic "no drawbacks" as praise and a pros/cons header as no opinion', () => {
    expect(label('المنتج وصل بسرعة ولا توجد سلبيات', 'ar')).toBe('positive');
    expect(label('السلبيات: السعر مرتفع', 'ar')).toBe('negative');
    expect(label('قضينا العطلة في الفندق', 'ar')).toBe('neutral');
  });
  it('lets a neutral or positive phrase consume its negator ("no problem", "not bad", "never mind")', () => {
    expect(label('no problem at all, see you tomorrow', 'en')).toBe('positive');
    expect(analyzeSentiment('the seat was not bad', 'en').score).toBeGreaterThan(0);
    expect(label('never mind, I found the form', 'en')).toBe('neutral');
  });
});

describe('still waiting', () => {
  it('reads "still no / not yet" as a complaint that outweighs praise around it, in several languages', () => {
    expect(analyzeSentiment('Excellent service as always, still no refund', 'en').label).toBe('negative');
    expect(analyzeSentiment('Todavía no ha llegado mi pedido', 'es').label).toBe('negative');
    expect(analyzeSentiment("Je n'ai toujours pas reçu ma commande", 'fr').label).toBe('negative');
    expect(analyzeSentiment('Meine Bestellung ist immer noch nicht da', 'de').label).toBe('negative');
    expect(analyzeSentiment('Ainda não recebi o reembolso', 'pt').label).toBe('negative');
    // "still" alone is no complaint.
    expect(analyzeSentiment('Still works great, thanks!', 'en').label).toBe('positive');
  });
});

describe('German', () => {
  const de = (t: string): string => analyzeSentiment(t, 'de').label;
  it('reads thanks with praise as positive and "Danke für nichts" / "na toll" as sarcasm', () => {
    expect(de('Hat alles super geklappt, danke!')).toBe('positive');
    expect(de('Großes Lob an das Team im Bordbistro')).toBe('positive');
    expect(de('Danke für nichts, wirklich.')).toBe('negative');
    expect(de('Na toll, der Zug fällt schon wieder aus.')).toBe('negative');
    expect(de('Der Zug ist mal wieder zu spät')).toBe('negative');
  });
  it('scores inflected adjectives like their base form', () => {
    expect(de('Heute störungsfreier Verkehr auf allen Linien')).toBe('positive');
    expect(de('Ein sehr unfreundlicher Schaffner')).toBe('negative');
    expect(de('Kostenloses WLAN jetzt in allen Regionalzügen')).toBe('positive');
  });
  it('does not read "Klasse" (class), "nächste", farewells or announcements as opinions', () => {
    expect(de('Ich habe ein Ticket für die 1. Klasse gebucht')).toBe('neutral');
    expect(de('Die nächste Haltestelle ist der Hauptbahnhof')).toBe('neutral');
    expect(de('Mach es gut und komm gut nach Hause')).toBe('neutral');
    expect(de('Die Bahn kündigt neue Verbindungen an')).toBe('neutral');
    expect(de('Die Reinigung des Zuges dauert länger')).toBe('neutral');
    expect(de('Die App ist echt klasse')).toBe('positive');
  });
  it('keeps "leider" negative before "nicht" and treats wishes as not yet given praise', () => {
    expect(de('Der Zug ist leider nicht gekommen')).toBe('negative');
    expect(de('Es wäre schön, wenn der Zug pünktlich wäre')).toBe('neutral');
    expect(de('Der Zug war pünktlich')).toBe('positive');
  });
  it('reads news of accidents, crime and disruptions as bad news', () => {
    expect(de('Fußgänger von Zug erfasst und tödlich verletzt')).toBe('negative');
    expect(de('Taschendiebe in der S-Bahn unterwegs')).toBe('negative');
    expect(de('Brand in einem Stellwerk, Zugverkehr unterbrochen')).toBe('negative');
    expect(de('Zugausfall wegen Oberleitungsschaden')).toBe('negative');
    expect(de('Die Polizei empfiehlt die Anreise mit Bus und Bahn')).toBe('neutral');
  });
  it('reads a settled dispute and resumed service as good news', () => {
    expect(de('Tarifkonflikt beendet: Bahn und Gewerkschaft einigen sich')).toBe('positive');
    expect(de('Die Strecke ist wieder frei, die Züge fahren wieder')).toBe('positive');
    expect(de('Es geht wieder los, ich sitze in der Bahn')).toBe('neutral');
  });
  it('takes a lone smiley as tone, not praise', () => {
    expect(de('Ich sitze im Zug ;)')).toBe('neutral');
    expect(de('Danke :)')).toBe('positive');
    expect(de('Super Service 👍')).toBe('positive');
  });
});

describe('English support talk', () => {
  const en = (t: string): string => analyzeSentiment(t, 'en').label;
  it('reads waiting, being ignored and lost or missed travel as complaints', () => {
    expect(en("I've been on hold for two hours")).toBe('negative');
    expect(en('called three times and no one answers the phone')).toBe('negative');
    expect(en('you lost my bag and I missed my connection')).toBe('negative');
    expect(en('thanks for nothing')).toBe('negative');
    expect(en('my suitcase came back damaged #servicefail')).toBe('negative');
    expect(en('second delay this week #nothappy')).toBe('negative');
  });
  it('reads praise and thanks for an answer as positive', () => {
    expect(en('shout out to the gate crew, you guys rock')).toBe('positive');
    expect(en('thanks for the quick help')).toBe('positive');
    expect(en('thanks for the update')).toBe('positive');
    expect(en('no delays at all, smooth flight')).toBe('positive');
    expect(en('much better now, thanks')).toBe('positive');
  });
  it('keeps information requests neutral even when they mention a problem', () => {
    expect(en('Can you tell me if my flight to Denver is delayed?')).toBe('neutral');
    expect(en('Do you have a lounge in terminal B?')).toBe('neutral');
    expect(en('Can I still use my return ticket?')).toBe('neutral');
    expect(en('could you hold my seat until tomorrow?')).toBe('neutral');
    expect(en('Is my flight on time?')).toBe('neutral');
    expect(en('why is my flight delayed again?')).toBe('negative');
  });
  it('does not turn a negated complaint word into praise', () => {
    expect(en('no chance in hell, worst airline ever')).toBe('negative');
    expect(en('the train was not late')).toBe('neutral');
    expect(en('you really need to do better')).toBe('negative');
  });
  it('reads complaint and praise emoji', () => {
    expect(en('waiting for my refund ⏳🐌')).toBe('negative');
    expect(en('great service as always 🙃 three hours late')).toBe('negative');
  });
  it('breaks an exact tie towards the last opinion', () => {
    expect(analyzeSentiment('the crew was great, the food was bad', 'en').score).toBeLessThan(0);
    expect(analyzeSentiment('the food was bad, the crew was great', 'en').score).toBeGreaterThan(0);
  });
});

describe('Chinese reviews', () => {
  const zh = (t: string): string => analyzeSentiment(t, 'zh').label;
  it('handles negation forms and degree adverbs', () => {
    expect(zh('不太好吃')).toBe('negative');
    expect(zh('一点也不好吃')).toBe('negative');
    expect(zh('没有想象中好吃')).toBe('negative');
    expect(zh('大家别点了')).toBe('negative');
    expect(analyzeSentiment('非常好吃', 'zh').score).toBeGreaterThan(analyzeSentiment('好吃', 'zh').score);
  });
  it('reads a negated complaint as relief, not as strong praise', () => {
    expect(zh('价格不贵')).toBe('positive');
    expect(zh('没问题')).toBe('positive');
    expect(analyzeSentiment('不脏', 'zh').score).toBeLessThan(analyzeSentiment('干净', 'zh').score);
  });
  it('knows delivery-review phrases', () => {
    expect(zh('送到都凉了')).toBe('negative');
    expect(zh('分量少，味道一般')).toBe('negative');
    expect(zh('等了一个半小时才送到')).toBe('negative');
    expect(zh('饭还没送到')).toBe('negative');
    expect(zh('点的牛肉饭送成了鸡肉饭')).toBe('negative');
    expect(zh('下次还会点，好评')).toBe('positive');
    expect(zh('第三次购买了，一如既往')).toBe('positive');
    expect(zh('差评')).toBe('negative');
  });
  it('reads "有点 X" as a mild complaint and weights the clause after 但是', () => {
    expect(zh('鸡肉有点腥')).toBe('negative');
    expect(zh('汤有点稀')).toBe('negative');
    expect(zh('味道不错，但是送餐太慢了')).toBe('negative');
  });
  it('does not read opinion characters inside ordinary words', () => {
    expect(zh('大冷天的，骑手辛苦了')).toBe('positive');
    expect(zh('送餐小哥很细心')).toBe('positive');
    expect(zh('闻名已久，味道很好')).toBe('positive');
    expect(zh('半小时就送到了，很快')).toBe('positive');
  });
  it('reads traditional characters', () => {
    expect(zh('態度很差，難吃')).toBe('negative');
    expect(zh('沒送到')).toBe('negative');
  });
  it('ends an exact tie on the last verdict', () => {
    expect(analyzeSentiment('快递很快，菜不好吃', 'zh').score).toBeLessThan(0);
    expect(analyzeSentiment('菜不好吃，快递很快', 'zh').score).toBeGreaterThan(0);
  });
});

describe('Arabic reviews', () => {
  const ar = (t: string): string => label(t, 'ar');
  const arScore = (t: string): number => analyzeSentiment(t, 'ar').score;
  it('reads dialect negation, including "ما...ش" and Gulf "مو" / "مب"', () => {
    expect(ar('الاكل مش كويس')).toBe('negative');
    expect(ar('ماعجبنيش الطعم')).toBe('negative');
    expect(ar('الخدمة مو زينة')).toBe('negative');
    expect(ar('المكان مب نظيف')).toBe('negative');
  });
  it('does not negate with a relative or exclamative "ما"', () => {
    expect(ar('ما اجمل هذا المكان')).toBe('positive');
    expect(ar('مااحلى الجلسة')).toBe('positive');
    expect(ar('اهم ما يميز المطعم الهدوء')).toBe('positive');
    expect(ar('المنتج جيد نوعا ما')).not.toBe('negative');
  });
  it('reads "none finer" and "nothing beats it" as praise', () => {
    expect(ar('منظر ولا اروع')).toBe('positive');
    expect(ar('ما في احلى من هالكنافة')).toBe('positive');
    expect(ar('لن تجد افضل منه في المدينة')).toBe('positive');
  });
  it('reads "X is better than it" as a mark against the thing reviewed', () => {
    expect(arScore('الفطور في البيت افضل منه بكثير')).toBeLessThan(0);
  });
  it('keeps "ولا" = "or" and a clause-final "بس" = "only" from negating', () => {
    expect(ar('افضل مطعم سواء الاطباق ولا السلطات')).toBe('positive');
    expect(ar('الحلويات عندهم لذيذة وبس')).toBe('positive');
  });
  it('finds words behind hamza spellings and stacked clitics', () => {
    expect(ar('الطعم سيئ')).toBe('negative');
    expect(ar('الطعم سيء')).toBe('negative');
    expect(ar('وبالتوفيق لكم')).toBe('positive');
    expect(ar('كان الطبق لذيذا')).toBe('positive');
  });
  it('does not read stems as clitics or function words as opinions', () => {
    expect(ar('زرت فروعه في المدينة')).toBe('neutral');
    expect(ar('الطبق الذي طلبته وصل')).toBe('neutral');
  });
  it('counts an intensifier after the word and elongated intensifiers', () => {
    expect(arScore('الخدمة سريعة جدا')).toBeGreaterThan(arScore('الخدمة سريعة'));
    expect(arScore('الاكل لذيذ مررره')).toBeGreaterThan(arScore('الاكل لذيذ'));
  });
  it('reads a denied aspect as a full complaint', () => {
    expect(ar('المكان ما فيه نظافة')).toBe('negative');
    expect(ar('القطعة ليست بالجودة المطلوبة')).toBe('negative');
  });
  it('weighs a drawback announcement less than the drawback itself', () => {
    expect(ar('الطعم ممتاز، العيب الوحيد الموقف')).toBe('positive');
  });
  it('reads a score written in the review', () => {
    expect(ar('التقييم 9 من 10')).toBe('positive');
    expect(ar('اعطيهم 2/10')).toBe('negative');
    expect(ar('زرناه بتاريخ 1/10/2014')).toBe('neutral');
  });
  it('treats a wish as a suggestion, not praise', () => {
    expect(ar('التوصيل، اتمنى يكون اسرع')).not.toBe('positive');
    expect(ar('لو كان ارخص')).not.toBe('positive');
  });
  it('reads lukewarm verdicts as lukewarm, not praise', () => {
    expect(ar('الاكل عادي')).not.toBe('positive');
    expect(ar('لا بأس به')).toBe('neutral');
  });
  it('tries a bare ف / ب prefix only after the suffixes, and only on a long stem', () => {
    expect(ar('الشاي كان باردا')).not.toBe('negative'); // cold (بارد + ا), not "worst" (ب + اردا)
    expect(ar('زرنا فروعها كلها')).toBe('neutral');
    expect(ar('الطلب وصل بسهولة')).toBe('positive');
  });
  it('reads ة written as ت before an attached pronoun', () => {
    expect(ar('اعجبتني روعتها')).toBe('positive');
    expect(arScore('لذتها')).toBeGreaterThan(0);
  });
  it('does not read homographs through the clitic fall-backs', () => {
    expect(ar('قاعة للمناسبات والحفلات')).toBe('neutral'); // occasions, not "suitable"
    expect(ar('قهوة بالقرفة والحليب')).toBe('neutral'); // cinnamon, not disgust
    expect(ar('دفتر ورقي بغلاف وردي')).toBe('neutral'); // paper and pink
    expect(ar('الاطعمة متوفرة طوال اليوم')).toBe('neutral'); // foods, not "tastier"
  });
  it('splits negation glued to a present-tense verb', () => {
    expect(ar('مضخة الهواء لاتعمل')).toBe('negative');
    expect(ar('لايوجد عيوب')).toBe('positive');
    expect(ar('لايفوتكم المكان')).toBe('positive');
    expect(ar('لانجري قطن')).toBe('neutral');
  });
  it('reads an aspect denied after it as missing', () => {
    expect(ar('النظافة لاتوجد')).toBe('negative');
  });
  it('lets "any" / "anything" sit between a negation and its word', () => {
    expect(ar('ما فيه اي شي مميز')).toBe('negative');
  });
  it('drops praise for how a place used to be when the text says what it is like now', () => {
    expect(ar('كان ممتاز وأحبه، الحين الاكل بارد وسيء')).toBe('negative');
    expect(ar('كان الاكل ممتاز والخدمة سريعة')).toBe('positive');
    expect(ar('اول ما فتح كان احلى من الحين')).toBe('negative');
  });
  it('reads "I wish I had not" as regret', () => {
    expect(ar('جربت المطعم وياليتني ماجربته')).toBe('negative');
    expect(ar('ليتني ما رحت')).toBe('negative');
  });
  it('reads the formal "الا ان" as "but"', () => {
    expect(arScore('المكان جميل الا ان الخدمة سيئة')).toBeLessThan(0);
  });
  it('reads decline, refusal to return and complaints told as facts', () => {
    expect(ar('مو زي زمان')).toBe('negative');
    expect(ar('ما راح نرجع له')).toBe('negative');
    expect(ar('انتظرنا ساعة والطلب ناقص')).toBe('negative');
    expect(ar('الله يكرم النعمة')).toBe('negative');
    expect(ar('والله ما قصروا')).toBe('positive');
  });
  it('reads crowds, queues and cramped rooms as mild drawbacks, not verdicts', () => {
    expect(ar('المطعم رائع بس زحمة')).toBe('positive');
    expect(ar('الاكل لذيذ والمكان ضيق شوي')).toBe('positive');
    expect(ar('المكان زحمة')).not.toBe('positive');
  });
  it('reads dialect praise and complaints across regions', () => {
    expect(ar('الاكل ما عليه زود')).toBe('positive');
    expect(ar('زاكي كتير')).toBe('positive');
    expect(ar('الاكل منيح')).toBe('positive');
    expect(ar('الاكل غني عن الوصف')).toBe('positive');
    expect(ar('موظفين بدون سنع')).toBe('negative');
    expect(ar('مش يعتمد عليه')).toBe('negative');
    expect(ar('فريد من نوعه')).toBe('positive');
  });
  it('reads "قمة" before a word as an intensifier', () => {
    expect(ar('قمة الوساخة')).toBe('negative');
    expect(arScore('قمة الروعة')).toBeGreaterThan(0);
  });
  it('does not damp a rhetorical question inside a long review', () => {
    const long = 'زرت المطعم مع العائلة يوم الجمعة بعد الصلاة وطلبنا مشاوي ومقبلات وسلطات وعصيرات، الاكل وصل بعد وقت طويل بارد ومالح، والموظف ما اهتم، ليش هالاهمال؟';
    expect(arScore(long)).toBe(arScore(long.replace('؟', '.')));
    expect(arScore('المطعم زين؟')).toBeLessThan(arScore('المطعم زين'));
  });
  it('reads "ما ... الا / غير" as "only", not a negation, unless nothing else is there', () => {
    expect(ar('ما جربت غير الشاورما وكانت رائعة')).toBe('positive');
    expect(ar('ما فيه الا الديكور')).toBe('negative');
  });
  it('finds phrases behind the conjunction و and a possessive on their first word', () => {
    expect(ar('وما راح نكرر التجربة')).toBe('negative');
    expect(ar('اسعارها خيالية')).toBe('negative');
    expect(ar('زرت المطعم ولا انصح به')).toBe('negative');
  });
  it('splits negation glued to كان and to "there is", and fronts a clause-final "there isn\'t"', () => {
    expect(ar('وماكان كويس')).toBe('negative');
    expect(ar('ولافيها خصوصية')).toBe('negative');
    expect(ar('مواقف مافي')).toBe('negative');
  });
  it('reads a negated elative with "than it" as a superlative', () => {
    expect(ar('لم ار اسوأ منه')).toBe('negative');
    expect(ar('ما ذقت الذ منه')).toBe('positive');
  });
  it('reads an elongated word in its plain spelling, phrases included', () => {
    expect(ar('أقل من العااااادي')).toBe('negative');
    expect(ar('هذي غيييير')).not.toBe('negative'); // a drawn-out غير is "something else", not "not"
  });
  it('does not count hedges and "no doubt" as complaints', () => {
    expect(ar('لا اعلم')).toBe('neutral');
    expect(ar('بدون مبالغة')).toBe('neutral');
    expect(ar('لا تنسى الكاميرا')).not.toBe('negative'); // advice to the next visitor, a mild recommendation
    expect(ar('تجربة لا تنسى')).toBe('positive');
  });
  it('knows impressed, unforgettable and cheap-price praise, and the regular (العادي) item', () => {
    expect(ar('اعجبت بالمكان')).toBe('positive');
    expect(ar('لا استغنى عنها')).toBe('positive');
    expect(ar('اسعاره منخفضة')).toBe('positive');
    expect(ar('طلبت البروست العادي')).toBe('neutral');
    expect(ar('الخدمة لم تعجبني نهائيا')).toBe('negative');
  });
  it('reads "غير" before praise as its antonym, stronger than a clause negation', () => {
    expect(arScore('السلعة غير عملية')).toBeLessThan(arScore('السلعة ليست عملية'));
    expect(ar('السلعة غير عملية')).toBe('negative');
  });
  it('reads negation glued to any opinion word as the spaced one, and the spaced "ما ... ش"', () => {
    expect(arScore('ماعجبني الاكل')).toBe(arScore('ما عجبني الاكل'));
    expect(ar('ما أنصحش حد بيه')).toBe('negative');
    expect(ar('مايعجبني الا الايسكريم')).not.toBe('negative'); // glued, and still "only"
  });
  it('reads "ما زلت" / "ما زالوا" (still) as no negation', () => {
    expect(ar('ما زلت احبه')).toBe('positive');
  });
  it('reads a plural verb typed without its final alef, and drawn-out intensifiers', () => {
    expect(ar('جربو المطعم')).toBe('positive');
    expect(ar('احذرو منهم')).toBe('negative');
    expect(arScore('ماعجبني بالمرره')).toBeLessThan(arScore('ماعجبني'));
  });
  it('does not count what a product protects from or removes as its fault', () => {
    expect(ar('رائعة تحمي الكاميرا من الكسر و الخدش')).toBe('positive');
    expect(ar('مقاوم للاوساخ والخدوش')).toBe('neutral');
    expect(ar('لا تزيل الخدوش')).toBe('negative');
    expect(ar('انا ضد التقليد')).toBe('negative');
    expect(ar('يستخدم زيت زيتون للتخفيف من الدهون')).not.toBe('negative');
  });
  it('reads the elative after "I expected" as what the thing fell short of', () => {
    expect(arScore('توقعته افضل بكثير')).toBeLessThan(0);
    expect(arScore('كنت اتوقع احسن')).toBeLessThan(0);
    expect(ar('طلباتنا كانت شهية و اكثر من المتوقع')).toBe('positive');
  });
  it('lets a denial reach the adjective across the copula and a definite subject ("ما كان الاكل لذيذ")', () => {
    expect(ar('ما كان الاكل لذيذ')).toBe('negative');
    expect(ar('لم تكن الخدمة جيدة')).toBe('negative');
    expect(ar('الاكل ما كان لذيذ')).toBe('negative');
  });
  it('reads advice to keep away or not to go as a warning, advice not to miss it as praise', () => {
    expect(ar('انصحكم تبعدون عنه')).toBe('negative');
    expect(ar('انصح بالابتعاد عن هذا المطعم')).toBe('negative');
    expect(ar('انصحكم لا تروحون')).toBe('negative');
    expect(ar('انصحكم لا يفوتكم')).toBe('positive');
  });
  it('reads "I can\'t do it justice" as praise, whatever stands between the verb and حقه', () => {
    expect(ar('ماراح اوفي المطعم حقه')).toBe('positive');
    expect(ar('السلعة لن أفيها حقها من المدح')).toBe('positive');
  });
  it('reads "you won\'t find its like" as praise, unless the like is a complaint', () => {
    expect(ar('فلن تجد مثل كبابهم')).toBe('positive');
    expect(ar('ما تلقى زيه في مطعم اخر')).toBe('positive');
    expect(ar('ما ذقت مثل هذا السوء')).toBe('negative');
  });
  it('finds a phrase whose last word carries an object pronoun', () => {
    expect(ar('مهما اكلت منه ما تمله')).toBe('positive');
    expect(ar('المطعم لا يملك مواقف')).not.toBe('positive'); // "يملك" (owns) is no "يمل" + ك
  });
  it('keeps "this one is better than it" as praise for the thing reviewed', () => {
    expect(ar('يمكن الاستعاضة عن الجرس العادي فهذا أفضل منه بكثير')).toBe('positive');
    expect(ar('سينابون البيت الذ منه')).toBe('negative');
  });
  it('reads a clause that is only "لا يوجد" as "none", not a complaint', () => {
    expect(ar('لا يوجد')).toBe('neutral');
    expect(ar('مواقف لا يوجد')).toBe('negative');
  });
  it('keeps a recommendation at full weight before a "but"', () => {
    expect(arScore('انصحكم فيه بس اسعارهم شوي مبالغ فيها')).toBeGreaterThan(arScore('حلو بس اسعارهم شوي مبالغ فيها'));
    expect(ar('انصحكم فيه بس اسعارهم شوي مبالغ فيها')).toBe('positive');
  });
  it('reads "its flaw is ..." as a concession in an otherwise good review, and "nothing faults it" as praise', () => {
    expect(ar('السندويشات رائعة بس يعيبه الزحمة')).toBe('positive');
    expect(ar('مطعم جميل بس عيبه انه بعيد')).toBe('positive');
    expect(ar('كل شي ممتاز العيب الوحيد تاخر وصولها')).toBe('positive');
    // The flaw after the announcer is still scored.
    expect(arScore('المطعم ممتاز لكن مشكلتهم التأخير')).toBeLessThan(arScore('المطعم ممتاز'));
    expect(ar('مشكلتهم الخدمة سيئة والاكل بارد')).toBe('negative');
    // "ما يعيبه" is "what mars it", a relative clause; "لا يعيبه" / "ما ينعاب" deny any flaw.
    expect(arScore('ما يعيب الحديقة ان الطقس حار نسبيا')).toBeGreaterThan(arScore('الطقس حار نسبيا'));
    expect(ar('حجمها صغير وهذا لا يعيبها')).toBe('positive');
    expect(ar('هالمطعم ماينعاب ابد')).toBe('positive');
  });
  it('does not read season, city or feast words as complaints', () => {
    expect(arScore('الجو جميل في فصل الشتاء')).toBeGreaterThan(0.25);
    expect(ar('المطعم في سيتي سنتر')).toBe('neutral');
    expect(ar('احتفلنا بعيد ميلاد ابنتي في المطعم')).toBe('neutral');
    expect(ar('الشاحن فصل بعد يومين')).toBe('negative');
  });
});

describe('Persian reviews', () => {
  const fa = (t: string): string => label(t, 'fa');
  const faScore = (t: string): number => analyzeSentiment(t, 'fa').score;
  it('reads negated verbs as complaints, in written and spoken forms', () => {
    expect(fa('پیک زنگ نزد و جواب نداد')).toBe('negative');
    expect(fa('سس نداشت')).toBe('negative');
    expect(fa('سفارشم هنوز نرسیده')).toBe('negative');
    expect(fa('نون تازه نیس')).toBe('negative');
    expect(fa('دیگه هیچوقت ازشون نمی‌خرم')).toBe('negative');
    expect(fa('تا حالا ازشون بد ندیدم')).toBe('positive');
  });
  it('flips the opinion before a negated verb, also when the verb is spelled apart', () => {
    expect(fa('غذا به موقع نمی‌رسه')).toBe('negative');
    expect(fa('غذا به موقع نمی رسه')).toBe('negative');
    expect(fa('غذا به موقع نمیرسه')).toBe('negative');
    expect(fa('هیچ مشکلی نداشت')).toBe('positive');
  });
  it('does not negate an opinion with the negation inside the next phrase', () => {
    expect(fa('خیلی عالی بود حرف نداره')).toBe('positive');
  });
  it('reads "not at all" more strongly than "not"', () => {
    expect(faScore('اصلا خوب نبود')).toBeLessThan(faScore('خوب نبود'));
  });
  it('treats joined, half-spaced and spaced prefixes alike', () => {
    const joined = faScore('بیکیفیت بود');
    expect(faScore('بی‌کیفیت بود')).toBe(joined);
    expect(faScore('بی کیفیت بود')).toBe(joined);
    expect(joined).toBeLessThan(0);
    expect(fa('بسته‌بندی نا مناسب بود')).toBe('negative');
  });
  it('reads colloquial and suffixed forms', () => {
    expect(fa('عالیه')).toBe('positive');
    expect(fa('غذا خوشمزه‌اس')).toBe('positive');
    expect(fa('افتضاحه')).toBe('negative');
    expect(fa('بی‌مزه‌ترین پیتزایی که خوردم')).toBe('negative');
    expect(fa('دستشون درد نکنه')).toBe('positive');
  });
  it('does not read words that only look like a suffixed opinion', () => {
    expect(fa('یه بسته ۲۰۰ گرمی آوردن')).toBe('neutral'); // gram, not warm
    expect(fa('غذا گرم رسید')).toBe('positive');
    expect(fa('بعد از ۹۰ دقیقه رسید')).not.toBe('positive'); // minute, not precise
    expect(fa('کیک خامه‌ای تازه بود')).toBe('positive'); // cream, not raw
  });
  it('keeps the verdict when a reservation follows "but"', () => {
    expect(fa('کباب خیلی خوب بود ولی برنجش یه کم خشک بود')).toBe('positive');
    expect(fa('ظاهرش خوب بود ولی مزه‌اش افتضاح بود')).toBe('negative');
  });
  it('does not count praise that is wished for or in the past', () => {
    expect(fa('اگه داغ بود عالی میشد')).toBe('neutral');
    expect(fa('کاش تازه بود')).toBe('neutral');
    expect(fa('قبلا خوشمزه بود')).toBe('neutral');
  });
  it('reads a wrong or missing item as a complaint', () => {
    expect(fa('عدم ارسال قاشق و چنگال')).toBe('negative');
    expect(faScore('دو تا نوشابه سفارش داده بودم ولی یکی آوردن')).toBeLessThan(0);
  });
  it('reads a polite request as a request, not a verdict', () => {
    expect(fa('لطفا سس بیشتری بفرستید')).toBe('neutral');
  });
});

describe('written scores', () => {
  it('reads a score the writer gave, in any language', () => {
    expect(analyzeSentiment('10/10', 'en').label).toBe('positive');
    expect(analyzeSentiment('0/10 would not recommend', 'en').label).toBe('negative');
    expect(analyzeSentiment('rated it 2/10', 'en').label).toBe('negative');
    expect(analyzeSentiment('Bewertung: 4/5', 'de').label).toBe('positive');
    expect(writtenRating('Note 1/5')).toBeLessThan(0);
  });

  it('does not take a date for a score', () => {
    expect(writtenRating('ordered on 10/10')).toBe(0);
    expect(writtenRating('Livré le 5/5 comme prévu')).toBe(0);
    expect(writtenRating('my parcel from 3/10')).toBe(0);
    expect(writtenRating('delivery 12/10/2026')).toBe(0);
    expect(writtenRating('7/5')).toBe(0);
    expect(writtenRating('زرناه بتاريخ 5/10', 'ar')).toBe(0);
    expect(writtenRating('من 15/1/2011 حتى 20/1/2011', 'ar')).toBe(0);
    expect(writtenRating('وصل خلال 1-5 ايام', 'ar')).toBe(0); // a range, not a score
  });

  it('reads Arabic and Persian scores: their digits, "X من Y", the scale written first', () => {
    expect(writtenRating('١٠/١٠', 'ar')).toBeGreaterThan(0);
    expect(writtenRating('اعطيه 9 من 10', 'ar')).toBeGreaterThan(0);
    expect(writtenRating('اعطيه 7 من 10', 'ar')).toBeGreaterThan(0); // seven out of ten is a good mark
    expect(writtenRating('10 على 10', 'ar')).toBeGreaterThan(0);
    expect(writtenRating('الباستا اعطيها ٣ من ١٠', 'ar')).toBeLessThan(0);
    expect(writtenRating('تقييمي 10/8', 'ar')).toBeGreaterThan(0); // typed right to left: 8 out of 10
    expect(writtenRating('10/0', 'ar')).toBeLessThan(0);
    expect(writtenRating('10/8')).toBe(0); // left to right it is a date
    expect(writtenRating('۹ از ۱۰', 'fa')).toBeGreaterThan(0);
    expect(writtenRating('۱/۵ ساعت دیر امد، یک ستاره', 'fa')).toBe(0); // a Persian decimal: one and a half
    expect(analyzeSentiment('تقييمي للمطعم ١ / ١٠', 'ar').label).toBe('negative');
  });

  it('reads several aspect scores by their mean', () => {
    expect(writtenRating('الطعم 9/10 الخدمة 9/10 تقييمي', 'ar')).toBeGreaterThan(0);
    expect(writtenRating('الطعم 9/10 الخدمة 3/10 تقييمي', 'ar')).toBe(0);
    expect(writtenRating('التقييم: الخدمة 9-10 النظافة 8-10', 'ar')).toBeGreaterThan(0);
  });
});
