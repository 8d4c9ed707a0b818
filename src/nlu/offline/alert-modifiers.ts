// How an alert is meant, beyond its coin and level: a move within a window ("tell me if eth moves
// 5% in an hour"), repeating ("every time", "whenever", "repeat"), with a cooldown ("at most once an
// hour"), for a while ("for the next 24 hours"). Outside the parse contract: these phrases leave the
// scored command as it is (set_alert with its coin, and a level when one is said) and are read
// from the message by the assistant when it sets the alert.

export interface AlertModifiers {
  /** "moves 5% in an hour": the percent, the window and which way. */
  move?: { pct: number; windowMs: number; direction: 'up' | 'down' | 'either' };
  /** "every time", "whenever", "repeat": tells each crossing, not once. */
  repeat?: boolean;
  /** "at most once an hour", "no more than every 30 min": the least time between two notices. */
  cooldownMs?: number;
  /** "for the next 24 hours", "for 2 days": how long the alert lives. */
  expiresInMs?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, twelve: 12, fifteen: 15, twenty: 20, thirty: 30 };
const UNIT = String.raw`(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)`;
const COUNT = String.raw`(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|ten|twelve|fifteen|twenty|thirty)?`;
const DURATION = String.raw`${COUNT}\s*-?\s*${UNIT}\b`;

function unitMs(unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('w')) return WEEK;
  if (u.startsWith('d')) return DAY;
  if (u.startsWith('h')) return HOUR;
  return MINUTE;
}

function durationMs(count: string | undefined, unit: string): number | null {
  const n = count === undefined || count === '' ? 1 : (NUMBER_WORDS[count.toLowerCase()] ?? Number(count));
  if (!(n > 0) || !Number.isFinite(n)) return null;
  return Math.round(n * unitMs(unit));
}

const UP = /\b(?:rises?|rising|goes up|jumps?|pumps?|rallies|rally|climbs?|up|gains?|spikes?)\b/i;
const DOWN = /\b(?:drops?|dropping|falls?|falling|goes down|dumps?|crash(?:es)?|tanks?|down|loses?|sinks?|dips?)\b/i;
// "moves 5% in an hour", "drops 3% within 30 minutes", "is up 10% in a day", "5% move in 4h", "changes by 5% over 2 hours"
const MOVE = new RegExp(String.raw`(?:\b(?:by|of)\s+)?(\d+(?:\.\d+)?)\s*(?:%|percent\b|pct\b)\s*(?:move\s+|swing\s+|change\s+)?(?:in|within|over|inside)\s+(?:the\s+)?(?:(?:last|next|past)\s+)?${DURATION}`, 'i');
const MOVE_VERB = /\b(?:moves?|moving|swings?|changes?|rises?|rising|jumps?|pumps?|rallies|climbs?|gains?|spikes?|drops?|dropping|falls?|falling|dumps?|crash(?:es)?|tanks?|loses?|sinks?|dips?|up|down|goes up|goes down)\b/i;
const REPEAT = /\b(?:every\s*time|each\s+time|whenever|repeat(?:ing|edly)?|recurring|keep\s+(?:telling|alerting|pinging|notifying)|every\s+crossing|each\s+crossing|not\s+just\s+once)\b/i;
const COOLDOWN = new RegExp(String.raw`\b(?:at\s+most|no\s+more\s+than|max(?:imum)?)\s+(?:once\s+)?(?:every|per|an?|each|once\s+(?:every|per|an?))\s+${DURATION}`, 'i');
const EXPIRY = new RegExp(String.raw`\bfor\s+(?:the\s+)?(?:next\s+)?${DURATION}`, 'i');

/** The modifiers a message gives an alert; an empty object when it gives none. */
export function readAlertModifiers(text: string): AlertModifiers {
  const out: AlertModifiers = {};
  const move = MOVE.exec(text);
  if (move) {
    const pct = Number(move[1]);
    const windowMs = durationMs(move[2], move[3]!);
    // The verb is just before the number ("drops 3% in …") or in it ("5% move in …").
    const verbWindow = `${text.slice(Math.max(0, move.index - 40), move.index)} ${move[0]}`;
    if (pct > 0 && windowMs !== null && MOVE_VERB.test(verbWindow)) {
      const up = UP.test(verbWindow);
      const down = DOWN.test(verbWindow);
      out.move = { pct, windowMs, direction: up && !down ? 'up' : down && !up ? 'down' : 'either' };
    }
  }
  if (REPEAT.test(text)) out.repeat = true;
  const cooldown = COOLDOWN.exec(text);
  if (cooldown) {
    const ms = durationMs(cooldown[1], cooldown[2]!);
    if (ms !== null) {
      out.cooldownMs = ms;
      out.repeat = true;
    }
  }
  // "for the next 24 hours" — not the move's own window ("5% in the next hour" is the window).
  const rest = move ? text.slice(0, move.index) + ' '.repeat(move[0].length) + text.slice(move.index + move[0].length) : text;
  const expiry = EXPIRY.exec(rest);
  if (expiry) {
    const ms = durationMs(expiry[1], expiry[2]!);
    if (ms !== null) out.expiresInMs = ms;
  }
  return out;
}
