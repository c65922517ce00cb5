/**
 * How every KPI is defined, as Markdown the README can include verbatim. Kept next to the code so a
 * change of definition and a change of documentation land in the same diff.
 */
export const DEFINITIONS = `
## Support KPI definitions

All durations are minutes, computed from the canonical conversation (docs/SCHEMA.md) only. With a
business calendar configured each duration is also given in **business minutes**: only the
calendar's opening hours count, read in its IANA time zone, so spans across DST changes, weekends
and holidays (local dates) are exact. Only **public** messages count: internal notes
(\`public: false\`) never reach the customer, and **bot** messages are not agent replies.

| KPI | Definition here | Zendesk | Intercom | Freshdesk |
|---|---|---|---|---|
| First response time | first public customer message → first public **agent** message at or after it. Undefined when the customer never wrote (outbound) or nobody answered yet. | *First reply time*: ticket creation → first public agent comment; for agent-created tickets, the second public agent comment. | *First response time*: the customer's first message → the first teammate reply (bots and Fin excluded); reported as a median. | *First response time*: ticket creation → the first agent response (automated replies excluded). |
| Full resolution time | \`createdAt\` → \`closedAt\`, only when the conversation is resolved (status solved/closed, or no status). | *Full resolution time*: creation → the **latest** solve. | *Time to close*: start → last close. | *Resolution time*: creation → resolved/closed. |
| Requester wait time | sum of the spans from a public customer message (not already waiting) to the next public agent message; a final unanswered span runs to \`closedAt\` (or \`updatedAt\` while open). | *Requester wait time*: time in New, Open and On-hold statuses. We have no status history, so "waiting on us" is read from who spoke last. | — (closest: *response time* to every customer message) | — (closest: *average response time*) |
| Customer / agent messages | public messages by role. **Agent replies** = public agent messages at or after the first customer message (an outbound opener is not a reply). | *Agent replies*: public agent comments. | teammate replies. | — |
| One-touch | resolved with exactly one agent reply. | *One-touch tickets*. | *Closed on first contact* (one participating teammate, closed once). | — |
| Reopens | see below. | *Reopens*: solved → open transitions. | *Reopened conversations*. | *Reopened tickets*. |
| CSAT | the 1–5 rating; **satisfied** = 4 or 5; CSAT % = satisfied ÷ rated conversations. | good/bad ratings (connectors map them to 5/1), on the ticket or in the satisfaction_ratings export. | 1–5 rating; % of 4–5 ratings. | survey rating, from the satisfaction-ratings export (joined by ticket; its seven answers spread evenly over 1–5). |

### Reopens
The canonical schema has one \`status\` and one \`closedAt\` (the last close), not a status history, so:

* **When a connector supplies \`statusHistory: {status, at}[]\`** (an optional, additive field, proposed
  for the schema; \`computeKpis\` already reads it) a reopen is a move from solved/closed to any other
  status: exactly Zendesk's and Freshdesk's definition (\`reopensFrom: 'status-history'\`).
* **Otherwise it is inferred** (\`reopensFrom: 'inferred'\`): a public customer message that follows a
  public agent message (the agent had the last word, i.e. the case was handed back as answered) after
  at least \`reopenAfterHours\` of silence (default **72 h**, about when help desks auto-solve a
  pending ticket). A customer answering a question within three days is a conversation, not a reopen.
  The heuristic undercounts reopens within 72 h and overcounts replies to questions left for longer.

### SLA
\`KpiConfig.sla = { rules: [{ priority?, channel?, firstResponseMinutes?, resolutionMinutes?, businessHours? }], default? }\`.
The **most specific** matching rule applies (priority + channel, then priority, then channel; ties: the
earlier rule), else \`default\`; a conversation without a priority matches only rules without one
(Zendesk likewise applies no priority target to tickets without priority). Each target gives
\`{ targetMinutes, businessHours, actualMinutes, met }\`:
* first response: measured as above; **met** = first response ≤ target.
* resolution: full resolution time; **met** = ≤ target.
* not measured yet: judged at the snapshot (\`closedAt\`, else \`updatedAt\`): already past target →
  \`met: false\` (breached, as help desks flag a running SLA); otherwise \`met: undefined\` (still running,
  or closed without a reply ever being sent). SLA % = met ÷ (met + breached).

Unlike help-desk SLA timers we cannot pause the clock while a ticket is *pending* on the customer
(no status history), so resolution SLA is measured on the customer's full wait, as Zendesk's *full
resolution time* is. Both Zendesk and Freshdesk let a target run in calendar or business hours; so does
\`businessHours\` here.

### Percentiles and rates over date ranges
\`kpi-aggregate.ts\` keeps, per day (or team, theme…), the durations as fixed log-bucket histograms
(\`histogram.ts\`) and everything else as counts. Merge the days of any range, then read p50/p90
within ±4.8 % relative error (Intercom reports medians; p90 shows the tail) and rates computed from
the summed counts: SLA % = met ÷ (met + breached), CSAT % = satisfied ÷ rated, reopen rate =
conversations reopened ÷ conversations, one-touch rate = one-touch ÷ resolved.
`;

export const QUALITY_SIGNALS = `
## Quality signals

* **QA sample** (\`qaSample\`, \`voc qa-sample\`): \`rate\` of each week's conversations, stratified by
  week × team × channel × theme × sentiment, with negative-sentiment and long (≥ 10 messages)
  conversations at \`rate × 2\` each (configurable). Each group is owed rate × size picks; quotas are
  floored and the remainder given to the largest fractions, so small strata are not all rounded away
  and the total matches the rates. Reproducible: picks are ranked by a seeded hash of the conversation
  id; each pick says why it was picked. \`minPerStratum\` (CLI default 0) guarantees every stratum a
  look, which at small weekly volumes lifts the sample far above \`rate\`.
* **Templates** (\`detectTemplates\`): agent replies that are near-duplicates (MinHash estimate of
  word-3-shingle Jaccard ≥ 0.6, after normalising names, numbers, URLs, placeholders, signatures) in
  at least 3 conversations. Reported per agent as the share of templated replies, and where a
  templated reply was followed by a customer sentiment drop of ≥ 0.25.
* **Goodwill** (\`detectGoodwill\`): refunds, credits, discounts, vouchers/gift cards and replacements
  stated in agent messages (public or internal notes), not negated, not policy talk, with amount and
  currency or percent when stated; plus help-desk tags.
* **Wow moments** (\`detectWowMoments\`): *recovery*: first customer message ≤ −0.2, last ≥ +0.2, rise
  ≥ 0.5; *praise*: the customer praises the agent or the service after a reply, in a sentence not read
  as negative.
* **Agent tone** (\`scoreAgentTone\`): greeting +0.2, thanks +0.25, apology +0.25, empathy +0.35; blunt
  phrase −0.45 (max two), directive −0.15 (max two), ALL CAPS −0.4, "!!!" −0.1; clamped to [−1, 1].
`;
