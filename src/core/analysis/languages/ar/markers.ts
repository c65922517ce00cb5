/**
 * Marker tokens: the Arabic token pass (constructions.ts) replaces a construction by one of these, and the lexicon
 * (lexicon.ts) scores it. A leaf module, so the lexicon does not import the token pass.
 */
/** Token for "better than it": lexicon.ts scores it as a mild complaint about the thing reviewed. */
export const AR_BETTER_THAN_IT = 'افضلمنه';
/** Token for "لن تجد مثله" (you won't find its like): lexicon.ts scores it as praise. */
export const AR_NOTHING_LIKE = 'لامثيلله';
/** Token for "انصحكم تبعدون عنه" / "انصحكم لا تروحون" (I advise you to keep away): lexicon.ts scores it as a warning. */
export const AR_ADVISE_AGAINST = 'انصحبالابتعاد';
/** Token for an aspect said to be missing; lexicon.ts scores it as a complaint. */
export const AR_MISSING_ASPECT = 'جانبمفقود';
/** Token for "ياليتني ما جربته" (I wish I hadn't): lexicon.ts scores it as a complaint. */
export const AR_REGRET = 'ندمالتمني';
/** Token for "توقعته افضل" (I expected it to be better): lexicon.ts scores it as a mild complaint, like "اقل من المتوقع". */
export const AR_BELOW_EXPECTATION = 'دونالتوقع';
/** Token for "لن اوفيه حقه" (words can't do it justice): lexicon.ts scores it as praise. */
export const AR_BEYOND_WORDS = 'لااوفيهحقه';
