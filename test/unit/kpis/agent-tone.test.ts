import { describe, expect, it } from 'vitest';
import { agentToneByTeam, scoreAgentTone } from '../../../src/core/kpis/agent-tone';

describe('scoreAgentTone', () => {
  it.each([
    // greeting 0.2 + thanks 0.25 + apology 0.25 + empathy 0.35 = 1.05 → clamped to 1.
    ['Hi Maria, thank you for your patience. I am so sorry about the delay, I completely understand how frustrating this is.', 1],
    // greeting 0.2 + thanks 0.25 = 0.45.
    ['Hello Tom, thanks for the details.', 0.45],
    // Purely factual: 0.
    ['Your order shipped on Monday.', 0],
    // blunt "as I said" −0.45 + directive "you need to" −0.15 = −0.6.
    ['As I said, you need to restart the app.', -0.6],
    // shouting −0.4 + blunt "read the instructions" −0.45 = −0.85.
    ['PLEASE READ THE INSTRUCTIONS', -0.85],
    // two blunt phrases −0.9, shouting −0.4, "!!!" −0.1 = −1.4 → clamped to −1.
    ['CALM DOWN. As I already told you, that is not our problem!!!', -1],
    // es: greeting 0.2 + apology 0.25 + empathy 0.35 = 0.8.
    ['Hola Juan, lo siento mucho, entiendo su frustración.', 0.8],
    // de: blunt −0.45 + directive −0.15 + "!!!" −0.1 = −0.7.
    ['Wie bereits gesagt, Sie müssen das Formular ausfüllen!!!', -0.7],
    // fr: greeting 0.2 + thanks 0.25 + apology (désolé) 0.25 = 0.7.
    ['Bonjour, merci pour votre message et désolé pour le retard.', 0.7],
    // zh: greeting 0.2 + apology 0.25 = 0.45.
    ['您好，非常抱歉给您带来不便', 0.45],
  ])('%s → %d', (text, score) => {
    expect(scoreAgentTone(text).score).toBe(score);
  });

  it('does not take redaction placeholders or acronyms for shouting', () => {
    expect(scoreAgentTone('Please send the PDF to [EMAIL] from your [PHONE] or use the USB cable.').signals.shouting).toBe(false);
  });

  it('caps repeated directives at two', () => {
    // 3 directives → min(2, 3) × −0.15 = −0.3.
    expect(scoreAgentTone('You must log in. You must update. You must restart.').score).toBe(-0.3);
  });
});

describe('agentToneByTeam', () => {
  it('averages per team, lowest first', () => {
    const items = [
      { team: 'billing', text: 'Hello Tom, thanks for the details.' }, // 0.45
      { team: 'billing', text: 'Your order shipped on Monday.' }, // 0
      { team: 'returns', text: 'As I said, you need to restart the app.' }, // −0.6
      { text: 'Hi Maria, I am so sorry, I understand.' }, // 0.2 + 0.25 + 0.35 = 0.8
    ];
    expect(agentToneByTeam(items)).toEqual([
      { team: 'returns', messages: 1, meanScore: -0.6, empathyShare: 0, apologyShare: 0, bluntShare: 1, shoutingShare: 0 },
      // (0.45 + 0) / 2 = 0.225.
      { team: 'billing', messages: 2, meanScore: 0.225, empathyShare: 0, apologyShare: 0, bluntShare: 0, shoutingShare: 0 },
      { team: '(no team)', messages: 1, meanScore: 0.8, empathyShare: 1, apologyShare: 1, bluntShare: 0, shoutingShare: 0 },
    ]);
  });
});
