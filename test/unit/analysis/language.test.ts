import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/core/analysis/index';

describe('detectLanguage', () => {
  const cases: Array<[string, string]> = [
    ['Where is my order? It has not arrived yet', 'en'],
    ['still waiting for my refund', 'en'],
    ['Todavía no me ha llegado el pedido', 'es'],
    ['¿Dónde está mi tarjeta?', 'es'],
    ["Je n'ai toujours pas reçu ma commande", 'fr'],
    ['Merci beaucoup pour votre aide', 'fr'],
    ['Der Zug hat schon wieder Verspätung', 'de'],
    ['Ich habe meine Karte noch nicht bekommen', 'de'],
    ['Ainda não recebi o meu pedido', 'pt'],
    ['Muito obrigado pela ajuda', 'pt'],
    ['Non ho ancora ricevuto il mio ordine', 'it'],
    ['Grazie mille per il vostro aiuto', 'it'],
    ['Ik heb mijn bestelling nog steeds niet ontvangen', 'nl'],
    ['لم يصل الطلب حتى الآن', 'ar'],
    ['الخدمة ممتازة', 'ar'],
    ['سفارشم هنوز نرسیده', 'fa'],
    ['غذا خیلی خوشمزه بود', 'fa'],
    ['خوب نبود', 'fa'],
    ['菜味道很棒！送餐很及时！', 'zh'],
    ['Спасибо за помощь', 'ru'],
    // very short messages
    ['thanks a lot', 'en'],
    ['awesome!', 'en'],
    ['muchas gracias', 'es'],
    ['necesito ayuda', 'es'],
    ['merci beaucoup', 'fr'],
    ['vielen Dank', 'de'],
    ['guter Service', 'de'],
    ['preciso de ajuda', 'pt'],
    ['ótimo atendimento', 'pt'],
    ['ottimo servizio', 'it'],
    ["l'app non funziona", 'it'],
    ['de app werkt niet', 'nl'],
    ['شكرا جزيلا', 'ar'],
    ['خیلی ممنون', 'fa'],
    ['دیر رسید', 'fa'],
    ['我要退款', 'zh'],
  ];
  it.each(cases)('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('returns und for text without letters', () => {
    expect(detectLanguage('12345 !!!')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });

  it('tells Persian from Arabic by letters and common words', () => {
    expect(detectLanguage('پیک خیلی دیر آمد')).toBe('fa');
    expect(detectLanguage('نوشابه ارسال نشده بود!')).toBe('fa');
    expect(detectLanguage('كان الطعام باردا')).toBe('ar');
  });

  it('reads Persian typed with Arabic letters (ى, ي) by its words', () => {
    expect(detectLanguage('ممنونم بابت برخورد خوبتون')).toBe('fa');
    expect(detectLanguage('تند و خوش مزه.')).toBe('fa');
  });

  it('ignores urls and mentions', () => {
    expect(detectLanguage('@AcmeHelp https://t.co/abc gracias por la ayuda')).toBe('es');
  });
});
