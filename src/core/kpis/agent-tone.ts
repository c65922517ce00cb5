/**
 * Politeness and empathy of an agent's reply, in [−1, 1], from cheap cues in en, es, fr, de, pt, it,
 * nl (greetings, thanks, apologies and empathy also in ar, fa, zh):
 *
 *   +0.20 greeting · +0.25 thanks · +0.25 apology · +0.35 empathy ("I understand how frustrating…")
 *   −0.45 per blunt phrase ("as I said", "not our problem", "calm down"), at most two
 *   −0.15 per directive ("you need to", "you must"), at most two: instructions are normal, a wall of them is not
 *   −0.40 shouting (ALL CAPS: three or more capitalised words of 3+ letters in a row, or most letters capitalised)
 *   −0.10 exclamation runs ("!!!")
 *
 * The sum is clamped to [−1, 1]; 0 is a neutral, purely factual reply. Weights favour empathy over
 * formulas because that is what QA rubrics (and customers) reward; they are a starting point to be
 * calibrated against QA reviewers' scores.
 */
import { phrasePattern } from './phrases';
import { NO_TEAM } from './qa-sample';

export interface ToneSignals {
  greeting: boolean;
  thanks: boolean;
  apology: boolean;
  empathy: boolean;
  blunt: number;
  directive: number;
  shouting: boolean;
  exclamationRun: boolean;
}

export interface AgentTone {
  score: number;
  signals: ToneSignals;
}

const GREETING = phrasePattern([
  'hi', 'hello', 'hey', 'dear', 'good (?:morning|afternoon|evening)', 'hola', 'buen[oa]s (?:d[íi]as|tardes|noches)', 'estimad[oa]', 'bonjour', 'bonsoir', 'cher', 'ch[èe]re',
  'hallo', 'guten (?:tag|morgen|abend)', 'liebe[rs]?', 'sehr geehrte[rs]?', 'ol[áa]', 'oi', 'bom dia', 'boa (?:tarde|noite)', 'prezad[oa]', 'ciao', 'buongiorno', 'buonasera', 'gentile',
  'salve', 'hoi', 'beste', 'goedemorgen', 'goedemiddag', 'goedenavond', 'مرحبا', 'السلام عليكم', 'أهلا', 'سلام', 'درود', '您好', '你好',
]);
const THANKS = phrasePattern([
  'thank(?:s| you)', 'appreciate', 'gracias', 'agradec\\p{L}*', 'merci', 'remerci\\p{L}*', 'danke', 'vielen dank', 'obrigad[oa]', 'agrade[çc]\\p{L}*', 'grazie', 'ringrazi\\p{L}*',
  'bedankt', 'dank (?:u|je)', 'شكرا', 'شكراً', 'ممنون', 'متشکر\\p{L}*', 'سپاس\\p{L}*', '谢谢', '感谢',
]);
const APOLOGY = phrasePattern([
  'sorry', 'apolog\\p{L}*', 'my apologies', 'disculp\\p{L}*', 'lo siento', 'lamentamos', 'perd[óo]n', 'd[ée]sol[ée]e?s?', 'excuse[sz]?', "nous nous excusons", 'entschuldig\\p{L}*',
  'tut (?:mir|uns) leid', 'bedauern', 'desculp\\p{L}*', 'lamento', 'perd[ãa]o', 'scus\\p{L}*', 'mi dispiace', 'ci dispiace', 'het spijt', 'excuses', 'عذرا', 'نعتذر', 'آسف', 'متاسف\\p{L}*',
  '抱歉', '对不起', '不好意思',
]);
const EMPATHY = phrasePattern([
  'i (?:completely |totally |fully )?understand', 'i can (?:imagine|see how|only imagine)', 'that must (?:be|have been)', 'i know how', 'i hear you', 'frustrating', 'i(?:\'d| would) feel',
  'happy to help', 'entiendo', 'comprendo', 'me imagino', 'entiendo perfectamente', 'je comprends', "j'imagine", 'je con[çc]ois', 'ich verstehe', 'nachvollziehen', 'verst[äa]ndlich',
  'entendo', 'compreendo', 'imagino', 'capisco', 'immagino', 'ik begrijp', 'begrijpelijk', 'ik kan me voorstellen', 'أتفهم', 'نتفهم', 'درک می\\p{L}*', 'متوجه\\p{L}* هستم', '理解您', '明白您',
]);
const BLUNT = phrasePattern(
  [
    'as i (?:already )?(?:said|told you|mentioned|explained)', 'as (?:previously |already )?(?:stated|mentioned|explained)', 'i already told you', 'per my (?:last|previous) (?:email|message)',
    'not our (?:problem|fault|responsibility)', 'calm down', 'there is nothing (?:more |else )?(?:i|we) can do', "that's not possible", 'obviously', 'read the (?:faq|manual|instructions|article)',
    'como (?:ya )?(?:le |te )?(?:dije|he dicho|indiqu[ée])', 'no es (?:nuestro problema|culpa nuestra)', 'c[áa]lmese', 'no podemos hacer nada',
    "comme (?:je vous l'ai|d[ée]j[àa]) (?:dit|indiqu[ée])", "ce n'est pas (?:notre probl[èe]me|de notre faute)", 'calmez-vous', 'nous ne pouvons rien faire',
    'wie (?:bereits|schon) (?:gesagt|erw[äa]hnt|erkl[äa]rt)', 'nicht unser problem', 'beruhigen sie sich', 'da k[öo]nnen wir nichts machen',
    'como (?:j[áa] )?(?:disse|falei|informei)', 'n[ãa]o [ée] (?:problema nosso|culpa nossa)', 'acalme-se', 'n[ãa]o podemos fazer nada',
    'come (?:gi[àa] )?(?:detto|indicato|spiegato)', 'non [èe] (?:un )?(?:nostro problema|colpa nostra)', 'si calmi', 'non possiamo fare nulla',
    'zoals (?:ik )?(?:al )?(?:gezegd|gezegd heb|aangegeven)', 'niet ons probleem', 'rustig aan', 'wij kunnen niets doen',
  ],
  'giu',
);
const DIRECTIVE = phrasePattern(
  ['you (?:need|have|must|should) to', 'you must', 'usted (?:debe|tiene que)', 'tienes que', 'vous devez', 'il faut que vous', 'sie m[üu]ssen', 'du musst', 'voc[êe] (?:tem que|precisa|deve)', 'lei deve', 'u moet', 'je moet'],
  'giu',
);
const CAPS_RUN = /(?:\b\p{Lu}{3,}\b[\s,!.?]+){2,}\b\p{Lu}{3,}\b/u;
/** Redaction placeholders ([EMAIL], [CARD]…) are capitals the agent never typed. */
const PLACEHOLDER = /\[[A-Z_]+\]/g;

const count = (re: RegExp, text: string) => [...text.matchAll(re)].length;

function isShouting(text: string): boolean {
  const clean = text.replace(PLACEHOLDER, ' ');
  if (CAPS_RUN.test(clean)) return true;
  const letters = clean.match(/\p{L}/gu) ?? [];
  const cased = letters.filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  const upper = cased.filter((ch) => ch === ch.toUpperCase()).length;
  return cased.length >= 20 && upper / cased.length > 0.6;
}

export function scoreAgentTone(text: string): AgentTone {
  const signals: ToneSignals = {
    greeting: GREETING.test(text),
    thanks: THANKS.test(text),
    apology: APOLOGY.test(text),
    empathy: EMPATHY.test(text),
    blunt: count(BLUNT, text),
    directive: count(DIRECTIVE, text),
    shouting: isShouting(text),
    exclamationRun: /[!！]{3,}/.test(text),
  };
  const raw =
    (signals.greeting ? 0.2 : 0) +
    (signals.thanks ? 0.25 : 0) +
    (signals.apology ? 0.25 : 0) +
    (signals.empathy ? 0.35 : 0) -
    0.45 * Math.min(2, signals.blunt) -
    0.15 * Math.min(2, signals.directive) -
    (signals.shouting ? 0.4 : 0) -
    (signals.exclamationRun ? 0.1 : 0);
  return { score: Math.round(Math.max(-1, Math.min(1, raw)) * 100) / 100, signals };
}

export interface TeamTone {
  team: string;
  messages: number;
  meanScore: number;
  /** Shares of the team's replies showing each cue. */
  empathyShare: number;
  apologyShare: number;
  bluntShare: number;
  shoutingShare: number;
}

/** Tone per team, lowest mean score first (where coaching is needed). */
export function agentToneByTeam(items: { team?: string; text: string }[]): TeamTone[] {
  const byTeam = new Map<string, { n: number; sum: number; empathy: number; apology: number; blunt: number; shouting: number }>();
  for (const item of items) {
    const { score, signals } = scoreAgentTone(item.text);
    const team = item.team ?? NO_TEAM;
    const t = byTeam.get(team) ?? { n: 0, sum: 0, empathy: 0, apology: 0, blunt: 0, shouting: 0 };
    t.n++;
    t.sum += score;
    if (signals.empathy) t.empathy++;
    if (signals.apology) t.apology++;
    if (signals.blunt > 0) t.blunt++;
    if (signals.shouting) t.shouting++;
    byTeam.set(team, t);
  }
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return [...byTeam.entries()]
    .map(([team, t]) => ({
      team,
      messages: t.n,
      meanScore: r4(t.sum / t.n),
      empathyShare: r4(t.empathy / t.n),
      apologyShare: r4(t.apology / t.n),
      bluntShare: r4(t.blunt / t.n),
      shoutingShare: r4(t.shouting / t.n),
    }))
    .sort((a, b) => a.meanScore - b.meanScore || (a.team < b.team ? -1 : 1));
}
