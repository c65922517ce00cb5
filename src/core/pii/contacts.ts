/** E-mail addresses, plain and written around spam filters ("jane(at)example.com"), and secrets carried in URLs. */
import { regexDetector, type Detector } from './detector';

const LOCAL = '[\\p{L}\\p{N}._%+-]{1,64}';
const LABEL = '[\\p{L}\\p{N}-]{1,63}';
const TLD = '\\p{L}{2,24}';
/** "(at)", "[at]", "{at}", "<at>", " at " … and "(dot)", " dot " …; the bracketed forms in any case. */
const BRACKETED_AT = '\\s?[\\[({<]\\s?(?:at|@)\\s?[\\])}>]\\s?';
const WORD_AT = '\\s+(?:at|AT)\\s+';
const BRACKETED_DOT = '\\s?[\\[({<]\\s?(?:dot|\\.)\\s?[\\])}>]\\s?';
const WORD_DOT = '\\s+(?:dot|DOT)\\s+';

export const emails: Detector[] = [
  // Bounded repetitions: no catastrophic scans of long tokens.
  regexDetector('EMAIL', new RegExp(`${LOCAL}[@＠]${LABEL}(?:\\.${LABEL}){0,6}\\.${TLD}`, 'gu'), { gate: /[@＠]/ }),
  // Bracketed "at": any dots; "@" or a bare " at " only with a spelt-out dot ("jane at example dot com").
  regexDetector('EMAIL', new RegExp(`${LOCAL}(?:${BRACKETED_AT})${LABEL}(?:(?:${BRACKETED_DOT}|${WORD_DOT}|\\.)${LABEL}){0,5}(?:${BRACKETED_DOT}|${WORD_DOT}|\\.)${TLD}`, 'giu'), { gate: /[[({<]\s?(?:at|@)\s?[\])}>]/i }),
  regexDetector('EMAIL', new RegExp(`${LOCAL}(?:${WORD_AT}|[@＠])${LABEL}(?:(?:${BRACKETED_DOT}|${WORD_DOT}|\\.)${LABEL}){0,5}(?:${BRACKETED_DOT}|${WORD_DOT})${TLD}(?![\\p{L}])`, 'gu'), { gate: /dot|DOT/ }),
];

/** Query parameters that carry a credential (reset and login links), and the user:password part of a URL. */
export const urlSecrets: Detector[] = [
  regexDetector('URL_TOKEN', /[?&#;](?:access_token|id_token|refresh_token|token|auth|authorization|key|api_key|apikey|code|otp|sig|signature|session|sessionid|sid|password|passwd|pwd|pass|secret|reset_token|reset)=(?<v>[^&#\s"'<>]{3,})/giud, { group: 'v', gate: /=/ }),
  regexDetector('URL_TOKEN', /\b[a-z][a-z0-9+.-]{1,15}:\/\/(?<v>[^\s/:@]{1,64}:[^\s/@]{1,64})@/giud, { group: 'v', gate: /:\/\// }),
];
