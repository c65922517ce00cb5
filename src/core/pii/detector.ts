/**
 * What every PII detector is: a kind (the placeholder's name) and a function from a text to the spans it
 * claims. The redactor (redact.ts) runs detectors in priority order and keeps the first claim on any span.
 */

export interface Span {
  start: number;
  end: number;
}

/** Receives each span a detector claims (a callback: cheaper than generators on the hot path of ingest). */
export type Emit = (start: number, end: number) => void;

export interface Detector {
  /** Upper case and underscores only: it becomes the placeholder `[KIND]` that later stages recognise. */
  kind: string;
  find(text: string, emit: Emit): void;
  /**
   * Only a run of digits with nothing else (no separators, no "+"): in an identifier field such a run is
   * the help desk's id (a ticket or tweet number), not a phone or card number typed by a person.
   */
  numeric?: boolean;
}

/** Digits as people type them: ASCII, Arabic-Indic (٠-٩), Persian (۰-۹) and full-width (０-９). */
export const DIGIT = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9\\uFF10-\\uFF19]';

/** The value 0-9 of any digit DIGIT matches. */
export function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x660 && c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

let countedText = '';
let counted = 0;
/** How many digits the text holds (remembered for the last text: every number detector asks). */
export function digitCount(text: string): number {
  if (text === countedText) return counted;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9) || (c >= 0xff10 && c <= 0xff19)) n++;
  }
  countedText = text;
  counted = n;
  return n;
}

/** The ASCII digits of a string, whatever script they were typed in; other characters dropped. */
export function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const v = digitValue(ch);
    if (v >= 0) out += String(v);
  }
  return out;
}

/** Letters and digits: what a match must not be glued to. */
export const ALNUM = /[\p{L}\p{N}]/u;
export const LETTER = /\p{L}/u;
const TOKEN = /[\p{L}\p{N}]+/uy;

/** Whether the character before `index` is one `re` matches. */
export function follows(text: string, index: number, re: RegExp): boolean {
  return index > 0 && re.test(text[index - 1]!);
}

/**
 * Where to look again after a match that started inside a word: past the rest of that word (retrying at
 * every character of a long run of digits would be quadratic).
 */
export function endOfToken(text: string, index: number): number {
  TOKEN.lastIndex = index;
  return TOKEN.test(text) ? TOKEN.lastIndex : index + 1;
}

/**
 * A detector from a global regular expression: each match (or, with `group`, that named group of it) is a
 * span, when `accept` agrees. Groups need the `d` flag so their indices are known. `gate` (not global) is a
 * cheap test the text must pass before the pattern runs.
 */
export function regexDetector(
  kind: string,
  pattern: RegExp,
  options: {
    accept?: (match: RegExpExecArray) => boolean;
    group?: string;
    numeric?: boolean;
    gate?: RegExp | ((text: string) => boolean);
    /** A character the match must not follow (a word's middle): checked after matching, cheaper than a leading lookbehind. */
    notAfter?: RegExp;
  } = {},
): Detector {
  if (!pattern.global) throw new Error(`pattern for ${kind} must be global`);
  const test = options.gate;
  const gate = test instanceof RegExp ? (text: string) => test.test(text) : test;
  return {
    kind,
    numeric: options.numeric,
    find(text, emit) {
      if (gate && !gate(text)) return; // a cheap test first: most texts hold nothing of this kind
      // One compiled expression, reused (compiling per call costs more than the match); detectors are drained one at a time.
      const re = pattern;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0] === '') {
          re.lastIndex++;
          continue;
        }
        if (options.notAfter && follows(text, m.index, options.notAfter)) {
          re.lastIndex = endOfToken(text, m.index);
          continue;
        }
        if (options.accept && !options.accept(m)) continue;
        if (options.group) {
          const at = m.indices?.groups?.[options.group];
          if (at && at[1] > at[0]) emit(at[0], at[1]);
        } else emit(m.index, m.index + m[0].length);
      }
    },
  };
}

/**
 * A pattern's letters in both cases, so cue words match in any case while a name after them (found with
 * \p{Lu}, which the "i" flag would fold) must still be capitalised.
 */
export function anyCase(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[++i] ?? '');
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    const upper = ch.toUpperCase();
    if (upper === ch || upper.length !== 1) out += ch;
    else out += inClass ? ch + upper : `[${ch}${upper}]`;
  }
  return out;
}

/** Plain phrases ("kind regards", "je m'appelle") as one alternation: any case, any run of blanks, either apostrophe. */
export function phrasesPattern(phrases: string[]): string {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length);
  return anyCase(sorted.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]+').replace(/['’]/g, "['’]")).join('|'));
}

const WORDS = /[\p{L}\p{M}]+/gu;
let wordsText = '';
let wordsAt: { word: string; start: number }[] = [];
/** The text's words, lower-cased, with where each starts (remembered for the last text: every cue detector asks). */
export function wordsOf(text: string): { word: string; start: number }[] {
  if (text === wordsText) return wordsAt;
  const out: { word: string; start: number }[] = [];
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(text); m; m = WORDS.exec(text)) out.push({ word: m[0].toLowerCase(), start: m.index });
  wordsText = text;
  wordsAt = out;
  return out;
}

/**
 * Matches of `tail` right after one of `phrases`, tried only where a word of the text is the first word of a
 * phrase: a set look-up per word instead of a scan of the whole text per pattern.
 */
export interface CuePattern {
  firstWords: Set<string>;
  sticky: RegExp;
  /** Called with each match; emits the span to redact (or nothing). */
  onMatch: (m: RegExpExecArray, emit: Emit) => void;
}

export function cuePattern(phrases: string[], tail: string, onMatch: CuePattern['onMatch'], flags = 'u'): CuePattern {
  const firstWords = new Set(phrases.map((p) => /^[\p{L}\p{M}]+/u.exec(p.toLowerCase())?.[0] ?? p));
  // Compiled on first use: the name patterns alone take tens of milliseconds to build, which importing the module
  // (every ingest cold start) would otherwise pay.
  let sticky: RegExp | undefined;
  return {
    firstWords,
    get sticky() {
      return (sticky ??= new RegExp(`(?:${phrasesPattern(phrases)})${tail}`, `${flags.replace(/[gy]/g, '')}yd`));
    },
    onMatch,
  };
}

/** A detector over several cue patterns: one pass over the text's words, each pattern tried only where its first word is. */
export function cueDetector(kind: string, patterns: CuePattern[], gate?: (text: string) => boolean): Detector {
  const byWord = new Map<string, CuePattern[]>();
  for (const p of patterns) for (const w of p.firstWords) byWord.set(w, [...(byWord.get(w) ?? []), p]);
  return {
    kind,
    find(text, emit) {
      if (gate && !gate(text)) return;
      for (const { word, start } of wordsOf(text)) {
        const candidates = byWord.get(word);
        if (!candidates) continue;
        for (const p of candidates) {
          p.sticky.lastIndex = start;
          const m = p.sticky.exec(text);
          if (m) p.onMatch(m, emit);
        }
      }
    },
  };
}

/** Emits a named group of a match (groups need the `d` flag). */
export function emitGroup(m: RegExpExecArray, group: string, emit: Emit): void {
  const at = m.indices?.groups?.[group];
  if (at && at[1] > at[0]) emit(at[0], at[1]);
}
