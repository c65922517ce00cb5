/**
 * Phrases that make poor labels whatever the data (labels.ts picks labels; this only vetoes).
 *
 * Words that make a phrase a poor label whatever the data: generic verbs ("says", "making payment") and
 * profanity ("f*** order"). They still count for clustering; only keyphrases and labels skip them.
 */
const GENERIC = new Set(
  `say says said saying make makes making made do does doing did done get gets getting got go goes going went gone
  come comes coming came take takes taking took give gives giving gave put puts keep keeps kept use using try trying
  tried want wants wanted need needs needed know tell told ask asked help thing things stuff way lot`.split(/\s+/),
);
const PROFANE = /^(?:f+u+c*k+\w*|f[*]+\w*|sh[i1]t+\w*|bullshit\w*|damn\w*|crap\w*|wtf|stfu|ass(?:hole)?s?|bitch\w*|piss\w*|dick\w*|bastard\w*|screw(?:ed)?)$/u;

/** A phrase (surface form) that should not appear in a label. */
export function poorLabelPhrase(phrase: string): boolean {
  return phrase.toLowerCase().split(/\s+/).some((w) => GENERIC.has(w) || PROFANE.test(w));
}
