/**
 * Street addresses, recognised by the word for "street" that every address carries, in the supported
 * languages: "221B Baker Street", "1600 Pennsylvania Avenue", "12 rue de Rivoli", "Calle Mayor 5",
 * "Hauptstraße 5", "Kerkstraat 12", "Via Roma 10", "Rua Augusta 100", "شارع الملك فهد", "خیابان ولیعصر",
 * "中山路123号", and UK postcodes ("NW1 6XE").
 */
import { ALNUM, digitCount, LETTER, regexDetector, type Detector } from './detector';

const hasDigit = (text: string) => digitCount(text) > 0;
/** An address needs a digit and its street word: both cheap to look for before the full pattern runs. */
const withWord = (word: RegExp) => (text: string) => hasDigit(text) && word.test(text);

const NUMBER = '\\d{1,5}[A-Za-z]?(?:[-/]\\d{1,5}[A-Za-z]?)?';
const CAPITALISED = "\\p{Lu}[\\p{L}\\p{M}'’.-]*";
const EN_TYPES = 'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Close|Crescent|Square|Sq|Highway|Hwy|Parkway|Pkwy|Row|Gardens|Mews|Grove|Walk';
const ROMANCE_TYPES = 'Calle|C/|Avenida|Avda\\.?|Av\\.?|Paseo|Plaza|Carrer|Camino|Carretera|Rue|Avenue|Boulevard|Bd|Chemin|Allée|Impasse|Place|Quai|Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Rua|Praça|Travessa|Estrada|Alameda';
const LINKING = '(?:de|del|la|las|los|el|du|des|le|les|da|do|dos|das|di|della|dei|degli|delle|dello|d[\'’])';
const GERMANIC_SUFFIXES = 'straße|strasse|str\\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee|straat|laan|gracht|plein|steeg|kade|dijk|singel|hof|markt';

export const addresses: Detector[] = [
  // "221B Baker Street", "10 Downing St", "1600 Pennsylvania Avenue"
  regexDetector('ADDRESS', new RegExp(`${NUMBER},?[ \\t]+(?:${CAPITALISED}[ \\t]+){1,4}(?:${EN_TYPES})\\b\\.?`, 'gu'), { gate: withWord(new RegExp(`\\b(?:${EN_TYPES})\\b`, 'u')), notAfter: ALNUM }),
  // The same written in lower case ("221b baker street"): only with a spelt-out street word, which ordinary phrases rarely end in.
  regexDetector('ADDRESS', new RegExp(`${NUMBER},?[ \\t]+(?:\\p{L}[\\p{L}'’.-]*[ \\t]+){1,3}(?:street|road|avenue|lane|drive|boulevard|terrace|crescent|square|highway|parkway)\\b`, 'giu'), { gate: withWord(/street|road|avenue|lane|drive|boulevard|terrace|crescent|square|highway|parkway/i), notAfter: ALNUM }),
  // "Calle Mayor 5", "Rue de Rivoli 12", "Via Roma, 10", "Rua Augusta nº 100"
  regexDetector('ADDRESS', new RegExp(`(?:${ROMANCE_TYPES})[ \\t]+(?:${LINKING}[ \\t]*)*${CAPITALISED}(?:[ \\t]+(?:${LINKING}[ \\t]*)?${CAPITALISED}){0,3},?[ \\t]*(?:n[º°o]\\.?[ \\t]*)?${NUMBER}(?![\\p{L}\\p{N}])`, 'gu'), { gate: withWord(new RegExp(`(?:${ROMANCE_TYPES})`, 'u')), notAfter: LETTER }),
  // "12 rue de Rivoli", "3 bis avenue Foch"
  regexDetector('ADDRESS', new RegExp(`${NUMBER}(?:[ \\t]?(?:bis|ter))?,?[ \\t]+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|place|quai|route)[ \\t]+(?:${LINKING}[ \\t]*)*${CAPITALISED}(?:[ \\t]+${CAPITALISED}){0,3}`, 'giu'), { gate: withWord(/rue|avenue|boulevard|bd|chemin|allée|impasse|place|quai|route/i), notAfter: ALNUM }),
  // "Hauptstraße 5", "Kerkstraat 12a", "Berliner Straße 12"
  regexDetector('ADDRESS', new RegExp(`(?:${CAPITALISED}[ \\t]+)?\\p{Lu}[\\p{L}-]*(?:${GERMANIC_SUFFIXES})[ \\t]+${NUMBER}(?![\\p{L}\\p{N}])`, 'gu'), { gate: withWord(new RegExp(`(?:${GERMANIC_SUFFIXES})`, 'u')), notAfter: LETTER }),
  regexDetector('ADDRESS', new RegExp(`${CAPITALISED}[ \\t]+(?:Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz)[ \\t]+${NUMBER}(?![\\p{L}\\p{N}])`, 'gu'), { gate: withWord(/Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz/), notAfter: LETTER }),
  // … and in lower case ("hauptstraße 17"), with the longer street words only.
  regexDetector('ADDRESS', new RegExp(`\\p{L}[\\p{L}-]*(?:straße|strasse|gasse|allee|straat|laan|gracht|steeg)[ \\t]+${NUMBER}(?![\\p{L}\\p{N}])`, 'giu'), { gate: withWord(/straße|strasse|gasse|allee|straat|laan|gracht|steeg/i), notAfter: LETTER }),
  // Arabic "شارع …", Persian "خیابان …، کوچه …، پلاک ۵": the street word and up to three words after it.
  regexDetector('ADDRESS', /(?:شارع|خیابان|کوچه|بلوار|میدان|پلاک)[ \t]+(?:[\u0621-\u065F\u0660-\u0669\u066E-\u06D3\u06D5-\u06FF0-9]+[ \t]*){1,3}/gu, { gate: /[\u0600-\u06FF]/, notAfter: /[\u0600-\u06FF]/ }),
  // Chinese "中山路123号", "人民大道5号"
  regexDetector('ADDRESS', /[\p{Script=Han}]{1,8}(?:路|街|大道|巷|弄|胡同)[0-9０-９一二三四五六七八九十百]+号/gu, { gate: /号/ }),
  // UK postcodes: "SW1A 1AA", "NW1 6XE"
  regexDetector('ADDRESS', /(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/gu, { gate: hasDigit, notAfter: ALNUM }),
];
