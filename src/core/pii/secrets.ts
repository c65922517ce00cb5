/**
 * Secrets customers type into chats: a password, PIN, one-time code or CVV right after the word that names
 * it, in the supported languages ("my password is Hunter2Secret", "PIN 4821", "contraseña: Perro123",
 * "mot de passe est Soleil2024!", "Passwort lautet Sommer2024", "كلمة المرور هي Ahmed1990", "رمز عبور من
 * Tehran1402 است", "密码是abc12345"). Only the value is replaced: "my password is [SECRET]" still says
 * what the conversation is about.
 */
import { cueDetector, cuePattern, type Detector, type Emit } from './detector';

const CUES = [
  // en
  'password', 'passwd', 'pwd', 'passcode', 'pass code', 'pin', 'pin code', 'pin number', 'otp', 'otp code', 'one-time code', 'one time code', 'one-time passcode',
  'one time passcode', 'one-time password', 'one time password', 'verification code', 'security code', 'confirmation code', 'auth code', 'authentication code',
  'sms code', 'login code', 'access code', 'cvv', 'cvv2', 'cvc', 'cvc2', 'csc', 'card verification value', 'card verification code', 'secret answer', 'secret word',
  'memorable word', 'memorable information',
  // es
  'contraseña', 'clave', 'clave de acceso', 'código', 'código de verificación', 'código de seguridad', 'código de acceso', 'código de confirmación',
  // fr
  'mot de passe', 'mdp', 'code', 'code de vérification', 'code de sécurité', 'code de confirmation', 'code de validation', 'code pin', 'code secret', 'cryptogramme',
  'cryptogramme visuel',
  // de
  'passwort', 'kennwort', 'geheimzahl', 'pin-code', 'pincode', 'pin-nummer', 'bestätigungscode', 'sicherheitscode', 'verifizierungscode', 'zugangscode', 'prüfnummer', 'tan',
  // pt
  'senha', 'palavra-passe', 'código de verificação', 'código de segurança', 'código de acesso', 'código de confirmação',
  // it
  "parola d'ordine", 'codice', 'codice di verifica', 'codice di sicurezza', 'codice di accesso', 'codice di conferma', 'codice pin',
  // nl
  'wachtwoord', 'verificatiecode', 'beveiligingscode', 'bevestigingscode', 'toegangscode',
  // ar
  'كلمة المرور', 'كلمة السر', 'كلمة مرور', 'الرقم السري', 'رمز التحقق', 'رمز التفعيل', 'الرمز السري', 'رمز الدخول', 'كود التفعيل', 'كود التحقق',
  // fa
  'رمز عبور', 'گذرواژه', 'رمز دوم', 'رمز یکبار مصرف', 'کد تایید', 'کد تأیید', 'کد امنیتی', 'رمز',
];
/** Words between the cue and the value ("is", "is now", "lautet", "هي", "من"); punctuation such as ":" is handled apart. */
const LINKS = [
  'is', 'was', 'now', 'still', "it's", 'its', 'as', 'to', 'be', 'set to', 'changed to', 'reads', 'of my account', 'for my account', 'my', 'the', 'new', 'old',
  'es', 'era', 'ahora', 'mi', 'de mi cuenta', 'nueva',
  'est', 'était', "c'est", 'maintenant', 'mon', 'ma', 'nouveau', 'nouvelle',
  'ist', 'lautet', 'war', 'jetzt', 'mein', 'meine', 'neue', 'neues',
  'é', 'agora', 'meu', 'minha', 'nova',
  'è', 'adesso', 'mio', 'mia', 'nuova',
  'mijn', 'nieuwe', 'nu',
  'هو', 'هي', 'كانت', 'كان', 'الجديدة', 'الجديد',
  'من', 'ام', 'است', 'جدید', 'جديد',
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LINK = `(?:(?:${LINKS.map(escape).join('|')})(?![\\p{L}\\p{N}])|[:=：\\-–—]|\\(|\\))`;
const QUOTED = `"[^"\\n]{1,64}"|“[^”\\n]{1,64}”|'[^'\\n]{1,64}'|‘[^’\\n]{1,64}’|«[^»\\n]{1,64}»`;
const TAIL = `(?![\\p{L}\\p{N}])(?<links>(?:\\s*${LINK}){0,4})\\s*(?<v>${QUOTED}|[^\\s"“”'‘’«»,;]{1,64})`;
/** Chinese writes the value right after the cue, without a space: 密码是abc12345, 验证码：482913. */
const CJK_CUED = /(?:支付密码|动态密码|密码|验证码|口令|动态码|安全码|校验码)(?:是|为|：|:|\s)*(?<v>[A-Za-z0-9!@#$%^&*._\-]{3,64})/gdu;

/** Cues that are also everyday words ("error code 500", "zip code"): they count only with a link ("code: 4821", "my code is 4821"). */
const WEAK_CUE = /^(?:code|código|codice|clave|tan|رمز)$/iu;

const TRAILING_PUNCTUATION = /[.,!?;:)\]}。，！？؟،]+$/u;

/** Whether a token reads as a secret rather than a word: digits, inner capitals or symbols; or any word after ":" ending its line. */
function looksSecret(value: string, explicit: boolean, endsLine: boolean): boolean {
  if (value.length < 3 || /^\[[A-Z_]+\]$/.test(value)) return false;
  if (/\p{Nd}/u.test(value)) return true;
  if (/.\p{Lu}/u.test(value) && /\p{Ll}/u.test(value)) return true;
  if (/[!@#$%^&*+=?~_\\/<>|{}[\]]/.test(value)) return true;
  return explicit && endsLine && value.length >= 4;
}

function onCue(m: RegExpExecArray, emit: Emit): void {
  const text = m.input;
  const cue = m[0].slice(0, m.indices!.groups!.links![0] - m.index);
  if (WEAK_CUE.test(cue) && !m.groups!.links!.trim()) return;
  const [start, rawEnd] = m.indices!.groups!.v!;
  // Written as a sentence writes it: a space, ":" or "=" between cue and value ("password-reset-2", an id or slug, is no secret).
  if (!/[\s:=：]/.test(text.slice(m.index + cue.length, start))) return;
  const raw = m.groups!.v!;
  if (/^["“'‘«]/.test(raw)) return emit(start + 1, rawEnd - 1);
  const value = raw.replace(TRAILING_PUNCTUATION, '');
  const end = start + value.length;
  const explicit = /[:=：]/.test(m.groups!.links!);
  const endsLine = /^[\s.!?]*(\n|$)/.test(text.slice(end, end + 4));
  if (looksSecret(value, explicit, endsLine)) emit(start, end);
}

const cued = cueDetector('SECRET', [cuePattern(CUES, TAIL, onCue, 'iu')]);

export const secrets: Detector = {
  kind: 'SECRET',
  find(text, emit) {
    cued.find(text, emit);
    if (!/[密验口动安校]/.test(text)) return;
    CJK_CUED.lastIndex = 0;
    for (let m = CJK_CUED.exec(text); m; m = CJK_CUED.exec(text)) {
      const [start, end] = m.indices!.groups!.v!;
      emit(start, end);
    }
  },
};
