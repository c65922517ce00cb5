/**
 * Persian writes the prefixes می/نمی (verb aspect), بی ("-less") and نا ("un-") joined, with a half-space or with a
 * plain space: "نمی‌رسه", "نمیرسه" and "نمی رسه" are one word. ZWNJ is already removed; glue the spaced form too.
 */
export function joinPersianPrefixes(text: string): string {
  return text.replace(/(^|[^\p{L}])(ن?می|بی|نا) +(?=\p{L})/gu, '$1$2');
}
