/**
 * English support-talk lexicon (hand-written for this project). Overrides / extends AFINN-165.
 * Format: one "score: entry, entry, multi word phrase" group per line; scores on the AFINN scale.
 */
export const lexicon = `
-3: still waiting, still no, still not, no response, no reply, no answer, never received, never arrived, never got, not received, not arrived, hasn't arrived, haven't received, didn't receive, did not receive
-3: shambles, shambolic, incompetence, disrespectful, lost respect, learned my lesson, never fly, will never fly, won't fly, never flying, what's the point, whats the point, how hard is it, how difficult is it, worst experience, beyond frustrated, charged twice, double charged, overcharged, scam, scammed, fraud, fraudulent, rip off, ripoff, unacceptable, ridiculous, worst, horrible, terrible, awful, disgusting, pathetic, useless, incompetent, rude, joke, nightmare, disaster, furious, livid, appalling, atrocious, fail, fails, failed, failure, epic fail
-2: non existent, nonexistent, non-existent, discouraging, shut up, go quiet, went quiet, gone quiet, please please, what do i do, reconsidering, vague, canned response, generic response, automated response, copy paste, unfriendly, wasted time, waste of time, crabby, sucked, go elsewhere, going elsewhere, switch to, switching to, taking my business, lose my business, lost my business, how can you, how could you, why can't, why won't, why would, why is it, why does, why do i have to, really?, seriously?, not acceptable, no excuse, no apology, not an apology, no compensation, no explanation, no notice, no communication, lack of communication, poor communication, zero, rude staff, miserable, worthless, sad, unhappy, dissatisfied, dissatisfaction, inconvenience, inconvenienced, inconvenient, hassle, headache, nightmare, confusing, confused, misinformation, misinformed, stuck on hold, on hold for, hung up on, keep calling, keeps crashing, still broken, not fixed, unresolved, cancelled, canceled, cancelation, cancellation, cancelled flightled, delayed, delay, delays, late, lost, missing, stuck, stranded, broken, damaged, wrong, error, errors, bug, glitch, crash, crashes, crashed, down, outage, declined, denied, refused, rejected, blocked, locked, locked out, frozen, hold, on hold, waiting, wait, waited, hours, hrs, days, again, yet again, complaint, complain, complaining, problem, problems, issue, issues, trouble, mess, messed up, screwed, screw up, nobody, no one, noone, no help, not helpful, unhelpful, disappointed, disappointing, disappointment, frustrated, frustrating, frustration, annoyed, annoying, upset, angry, mad, hate, sucks, suck, poor, bad, worse, lousy, slow, expensive, overpriced, hidden fee, fees, charged, charge me, refund, waste, wasted, lie, lied, lies, misleading, ignored, ignoring, unanswered, hung up, disconnected, wtf, smh, ugh, seriously, sigh, fml, never again, not happy, not impressed, lack, lacking, no way, excuse, excuses, dirty, cold food, missed, miss, misconnect, overbooked, diverted, bumped, rebooked, rebook, lost luggage, lost bag, lost my bag, no show, unable, cannot, can't get, impossible, stop, keeps, keep getting, without, 3 hours, 2 hours, hour, still
-1: too early
-1: finally, at least, apparently, supposedly, elsewhere, freezing, why, how long, when will, supposed to, should have, should've, any update, update, no update, no info, no information, chance, only, even, apparently, anymore, whatever, meh
1: early
1: thanks, thank, thx, thanx, thnx, tx, thank you, ty, cheers
2: all good, luv, luved, luvin, luving, fav, compensated, compensating, appreciate, appreciated, helpful, resolved, fixed, sorted, solved, works now, working now, quick, quickly, fast, prompt, smooth, easy, friendly, kind, nice, great, good, well done, glad, happy, pleased, love, loved, loves, awesome, amazing, excellent, perfect, fantastic, wonderful, best, brilliant, superb, outstanding, impressed, recommend, safe, comfortable, on time, ahead of schedule, got it, received it, arrived today, worth, enjoy, enjoyed, lovely, cool, sweet, kudos, shoutout, shout out, props, hero, rock, rocks, yay, woohoo, hooray
3: nicely done, big thanks, huge thanks, extra mile, went the extra mile, above beyond, made it, kindness, thanks for your help, thank you for your help, thanks so much for, thank you for the help, thank you so much, thanks so much, thanks a lot, thanks again, many thanks, much appreciated, above and beyond, great service, great job, great customer service, amazing service, excellent service, best airline, best service, love you, you rock, you guys rock
0: never mind, nevermind
0: dear, united, like, please, pls, help, need, want, hope, hoping, wish, flight, flights, card, account, order, customer service, support, sure, ok, okay, yes, can, could, care, well, pretty, free, fine, win, winning, clear, party, ready, kind of, right, true, reach, reached, hold on, god, no problem, no worries, no issues, no issue, no complaints, not bad
-0.5: no
0.5: lol, haha, lmao
1: no problem, no worries, no issues, no issue, not bad, fair, ok thanks, okay thanks
// Travel and support jargon that AFINN scores as opinion: loyalty tiers ("gold member"), "award ticket", "reach".
0: award, gold, platinum, allow, allowed, matter, friend, friends, share, top, safety, chance, any chance, reach out, reaching out, big, huge, yeah, hopefully, pretty, what kind of, some kind of, any kind of, care, customer care
// Support-talk complaints: waiting on a person, being passed around, things lost or missed, sarcastic thanks.
-3: thanks for nothing, thank you for nothing, no thanks to, screwed over, screwing, screw you, unusable, garbage, trash, crap, crappy, lazy, liar, liars, lying, clueless, inexcusable, unprofessional, disgrace, disgraceful, shameful, embarrassing, horrendous, worst customer service, never again, never flying, never fly again
-2: barely, barely works, could use some, overkill, silence, stonewalled, runaround, run around, the runaround, passed around, transferred again, no one answers, nobody answers, no one picks up, nobody picks up, no one is answering, can't get through, cant get through, cannot get through, been on hold, on hold for, been waiting, waiting for hours, still on hold, missed my connection, missed connection, miss my connection, lost my luggage, lost my bags, lost bags, misplaced, delayed again, another delay, another hour, mediocre, subpar, sub par, clearly, loyal customer, so much for, yet another, forever, dropped the ball, fell short, let down, let me down, sat on the tarmac, stuck on the tarmac, on the tarmac, rebooked me, unbelievable, seriously?
// Praise.
3: made my day, made our day, saved the day, saved my day, life saver, lifesaver, you're the best, you are the best, you guys are the best, you're awesome, you guys are awesome, real mvp, mvp, shout out to, shoutout to, props to, kudos to, hats off, thumbs up, top notch, first class service, class act, above and beyond, keep up the good work, great work, great crew, great flight, great experience, love you guys, love this, love it, so grateful, grateful, thankful, appreciate it, appreciate you, fave, favourite, favorite, legend, legends, rockstar, rockstars, superstar, smooth flight, pleasant, pleasure, painless, seamless, effortless
// "better" in support talk is mostly a demand ("do better", "expected better"); only "much better" is relief.
0: better
-2: do better, expected better, expect better, deserve better, could be better, should be better, better than this, better than that
2: much better, so much better, way better, feel better, feeling better, better now
// "still" alone is often plain aspect ("can I still use my ticket?"); "still waiting" / "still no" carry the complaint.
-1: still
// Requests to hold a seat or the plane, seats that lie flat, "urgent" requests: not complaints by themselves.
0: hold, urgent, lie flat, lie-flat, can i still, still able, still use, still be, still valid
-2: hold music, hold time, hold times, long hold, held hostage
// Thanks for an answer is not a complaint about the thing answered ("thanks for the update").
2: thanks for the update, thank you for the update, thanks for the updates, thanks for updating, thanks for the info, thanks for the information, thanks for the heads up, thanks for letting me know, thank you for letting me know, thanks for the reply, thanks for the response, thanks for responding, thanks for getting back, thanks for checking, thanks for looking into, thanks for your patience, thanks for the help, thanks for helping, thank you for helping, deserves a medal, deserves a raise, like a pro
// "emergency stop", "non stop" and "stop by" are not complaints; "stop" is mostly a mild demand.
-1: stop
0: non stop, nonstop, non-stop, stop by, stopover, stop over
// Glued complaint and praise hashtags ("#servicefail", "#nothappy"): the glued negation would otherwise read as praise.
-3: fail, epicfail, servicefail, customerservicefail, customerfail, nothappy, notcool, notimpressed, neveragain, badservice, poorservice, worstservice, terribleservice, horribleservice, badcustomerservice, nocustomerservice, shameonyou
3: greatservice, goodservice, greatcustomerservice, excellentservice, customerservicewin, happycustomer, lovethem, thankyou, bestservice
// Negated complaints that read as praise (a plain negated complaint word only cancels out).
2: no delays, no delay, no problems, no hassle, hassle free, hassle-free, never disappoints, never disappoint, didn't disappoint, did not disappoint, not disappointed, no complaints, not too bad
2: thank u, thank ya, much obliged, good job, nice job, well handled, handled it, quick response, fast response, quick reply, quick help, got me home, got us home, on time, early arrival, landed early, arrived early
`;

export const negators = `not no never none nobody nothing neither nor cannot can't cant don't dont doesn't doesnt didn't didnt isn't isnt aren't arent wasn't wasnt weren't werent won't wont wouldn't wouldnt shouldn't shouldnt couldn't couldnt haven't havent hasn't hasnt hadn't hadnt without lack`;
export const intensifiers = `very:0.3 so:0.3 really:0.3 extremely:0.5 super:0.4 totally:0.3 absolutely:0.4 completely:0.3 incredibly:0.4 truly:0.3 most:0.3 too:0.2 such:0.2 highly:0.3 beyond:0.3 seriously:0.3 fucking:0.5 freaking:0.4 damn:0.3 utterly:0.5 quite:0.1 kinda:-0.3 somewhat:-0.3 slightly:-0.4 bit:-0.3 little:-0.2`;
export const contrast = `but however though although yet nevertheless`;
export const resolvers = `fixed resolved solved sorted ended cleared restored`;
/** Modal and wish markers: praise right after one ("would be great", "hope it's quick") is not given yet. */
export const irrealis = `would could should hope hoping wish if`;
