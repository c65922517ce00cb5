// Minimal typings for natural's per-language stemmer modules (deep imports, CommonJS).
declare module 'natural/lib/natural/stemmers/*.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
