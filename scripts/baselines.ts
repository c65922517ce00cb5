/**
 * The JavaScript sentiment packages a team would reach for, as `npm run eval` compares them:
 * natural (AFINN / pattern lexicons for en, es, pt, fr, it, nl, de), vader-sentiment, sentiment
 * (AFINN-165) and wink-nlp (English). Each returns undefined for a language it does not support.
 * Dev dependencies only: nothing here ships in the pipeline.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Label = 'negative' | 'neutral' | 'positive';
export interface BaselinePrediction {
  label: Label;
  score: number;
}
export type Baseline = (text: string, lang: string) => BaselinePrediction | undefined;

const bySign = (score: number, dead = 0): BaselinePrediction => ({ label: score > dead ? 'positive' : score < -dead ? 'negative' : 'neutral', score: Math.max(-1, Math.min(1, score)) });
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

function naturalBaseline(): Baseline {
  const natural = require('natural') as { SentimentAnalyzer: new (lang: string, stemmer: unknown, vocabulary: string) => { getSentiment(tokens: string[]): number } };
  const setups: Record<string, [string, string]> = {
    en: ['English', 'afinn'], es: ['Spanish', 'afinn'], pt: ['Portuguese', 'afinn'],
    fr: ['French', 'pattern'], it: ['Italian', 'pattern'], nl: ['Dutch', 'pattern'], de: ['German', 'pattern'],
  };
  const analysers = new Map<string, { getSentiment(tokens: string[]): number }>();
  return (text, lang) => {
    const setup = setups[lang];
    if (!setup) return undefined;
    let a = analysers.get(lang);
    if (!a) analysers.set(lang, (a = new natural.SentimentAnalyzer(setup[0], null, setup[1])));
    const score = a.getSentiment(words(text));
    return bySign(Number.isFinite(score) ? score : 0);
  };
}

function vaderBaseline(): Baseline {
  const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };
  // VADER's own convention: compound ≥ 0.05 positive, ≤ −0.05 negative.
  return (text, lang) => (lang === 'en' ? bySign(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound, 0.0499) : undefined);
}

function afinnBaseline(): Baseline {
  const Sentiment = require('sentiment') as new () => { analyze(t: string): { comparative: number } };
  const s = new Sentiment();
  return (text, lang) => (lang === 'en' ? bySign(s.analyze(text).comparative) : undefined);
}

function winkBaseline(): Baseline {
  const winkNLP = require('wink-nlp') as (model: unknown) => { readDoc(t: string): { out(its: unknown): number }; its: { sentiment: unknown } };
  const nlp = winkNLP(require('wink-eng-lite-web-model'));
  return (text, lang) => (lang === 'en' ? bySign(nlp.readDoc(text).out(nlp.its.sentiment)) : undefined);
}

export const BASELINES: Record<string, () => Baseline> = {
  natural: naturalBaseline,
  'vader-sentiment': vaderBaseline,
  sentiment: afinnBaseline,
  'wink-nlp': winkBaseline,
};
