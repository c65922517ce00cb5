/** Phrase lists → one regular expression, for the multilingual keyword readers in this folder. */

/**
 * Matches any of `phrases` (regex syntax allowed; "'" also matches the typographic ’) as whole
 * words in Latin script. No boundary is required next to Han or Arabic-script text, which has no
 * spaces between words or attaches prefixes to them.
 */
export function phrasePattern(phrases: string[], flags = 'iu'): RegExp {
  const body = phrases.map((p) => p.replace(/'/g, "['’]")).join('|');
  return new RegExp(`(?<![\\p{Script=Latin}\\p{N}])(?:${body})(?![\\p{Script=Latin}\\p{N}])`, flags);
}

/** The sentences of a text: ends at . ! ? followed by a space, at line breaks and at CJK full stops. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?؟])\s+|\n+|(?<=[。！？])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}
