/**
 * How many observations a rate needs before it is shown as a number a product manager can repeat. Below it the
 * dashboard greys the cell and the CLI marks it with '*'; `--sort negative` ranks such themes after the rest.
 * One threshold everywhere, so "greyed" and "not ranked" mean the same thing.
 */
export const MIN_RATE_N = 10;

/** CSAT, the one definition used everywhere (themes, KPIs, templates): ratings of 4 or 5 (of 5) ÷ conversations rated. */
export const CSAT_DEFINITION = 'CSAT = share of rated conversations rated 4 or 5 (of 5); n = conversations rated';
