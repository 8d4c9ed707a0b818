import type { Rewrite } from './rewrites.js';

/**
 * Synonym classes: the many ways people say one thing, rewritten to the one word the rules read.
 * Each class is a pattern over a few interchangeable verbs, objects and fillers, not a list of
 * sentences: "bank some profit", "secure the gains", "lock in 20% gains" are one class.
 * Applied before the phrases of rewrites.ts, on the text as typed (case kept for tickers).
 */
const rw = (hints: string, pattern: RegExp, replacement: string): Rewrite => ({ hints: hints.split('|'), pattern, replacement });

const ME = String.raw`(?:me|us)`;
const CONDITION = String.raw`(?=\s*,?\s*(?:when|if|once|whenever|as\s+soon|the\s+moment|in\s+case)\b)`;
const POSSESSIVE = String.raw`(?:my\s+|the\s+|our\s+|your\s+|some\s+|a\s+bit\s+of\s+|in\s+)?`;

export const IDIOMS: readonly Rewrite[] = [
  // A message taken back at its end is no command: "sell 10 avax... actually no", "… nah forget it".
  rw(
    'mind|nvm|forget|scratch|actually no|bother|wait|second thought|ignore that|disregard',
    /(?:[.,!;]+|\s)\s*(?:(?:actually|nah|no|hmm|wait|oh|oops)[\s,.]+)*(?:never\s*mind|nvm|forget\s+(?:it|that|about\s+it)|scratch\s+that|actually\s+no+|don'?t\s+bother|wait\s*,?\s*no+|no+\s*,?\s*wait|on\s+second\s+thought|changed\s+my\s+mind|ignore\s+that|disregard(?:\s+that)?)\s*[.!]*\s*$/gi,
    ' nevermind ',
  ),

  // Alerts: "ping me if", "yell when", "holler at me once", "drop me a line if", "keep an eye on",
  // "I want to know when", "lemme know".
  rw(
    'ping|yell|shout|holler|scream|alert|beep',
    new RegExp(String.raw`\b(?:ping|yell|shout|holler|scream|alert|beep)(?:\s+at)?(?:\s+${ME})?(?:\s+up)?${CONDITION}`, 'gi'),
    ' notify ',
  ),
  rw(
    'buzz|wake|text|dm|message|msg|tell|call|nudge|hit',
    new RegExp(String.raw`\b(?:buzz|wake|text|dm|message|msg|tell|call|nudge|hit)(?:\s+at)?\s+${ME}(?:\s+up)?${CONDITION}`, 'gi'),
    ' notify ',
  ),
  rw('drop me|send me|shoot me|give me', new RegExp(String.raw`\b(?:drop|send|shoot|give)\s+${ME}\s+(?:a\s+)?(?:msg|message|line|note|text|dm|ping|shout|heads[\s-]*up|notification|buzz)\b`, 'gi'), ' notify '),
  rw('lem|lmk|know', /\b(?:lem+e|lmk)\s+know\b|\blmk\b/gi, ' notify '),
  rw('know', new RegExp(String.raw`\b(?:i(?:'d|\s+would)?\s+)?(?:(?:want|wanna|need|like|love)\s+to|(?:nice|good|great|useful)\s+to|let\s+${ME})\s+know${CONDITION}`, 'gi'), ' notify '),
  rw('eye|watch|tabs', /\bkeep\s+(?:an?\s+|my\s+|your\s+)?eyes?\s+on\b|\bkeep\s+(?:watching|tabs\s+on|track\s+of)\b|\bwatch\s+(?=\S+\s+for\s+(?:me|us)\b)/gi, ' notify '),
  rw('🔔|🚨|⏰', /🔔|🚨|⏰/g, ' alert '),

  // Protective orders, the fall side: "limit my losses", "cap my downside", "max loss", "safety net".
  rw(
    'loss|downside|risk|drawdown',
    new RegExp(String.raw`\b(?:limit|cap|minimi[sz]e|protect\s+against|control|contain|stop)\s+${POSSESSIVE}(?:losses|loss|downside|risk)\b|\bmax(?:imum)?\s+(?:loss|drawdown|downside)\b`, 'gi'),
    ' stoploss ',
  ),
  rw('safety net|floor', /\b(?:a\s+)?safety[\s-]*net\b|\b(?:set\s+)?(?:a\s+|the\s+)?floor(?=\s+(?:for|on|at|of|under|below)\b)/gi, ' stoploss '),
  rw('let', /\b(?:do\s*n[o']?t|never|do\s+not)\s+let\s+((?:my\s+|the\s+)?\S+)\s+(?:go|fall|drop|get|slip|sink|dip|trade)\s+(?=below|under|beneath|lower)/gi, ' stoploss $1 '),
  // Exits: "get me out", "i'm out", "i'm done with", "bail on", "cash me out" read as a sell,
  // and the rules then see whether a fall (stop-loss) or a rise (take-profit) triggers it.
  rw('out|done with|bail', /\b(?:get|take|cash|pull)\s+(?:me|us)\s+out(?:\s+of)?\b|\b(?:i'?m|i\s+am|im|we'?re|we\s+are)\s+(?:out(?:\s+of)?|done\s+with)\b|\bbail(?:\s+out)?(?:\s+(?:on|of))?\b/gi, ' exitnow '),
  rw('protect|stop', /\bprotect\b(?=\s+(?:my\s+|the\s+)?\S+\s+(?:at|below|under|with|if)\b)|\bstop\s+(?:(?:me|us)\s+)?out(?:\s+of)?\b/gi, ' stoploss '),
  rw('cut', /\bcut\b(?=\s+(?:my\s+|the\s+)?\S+\s+(?:at|if|below|under|when)\b)/gi, ' stoploss '),

  // Protective orders, the rise side: "bank some profit", "secure the bag", "take the win",
  // "lock in 20% gains", "realise gains", "ride sol to 300 then cash out".
  rw(
    'profit|gain|bag|win|money',
    /\b(?:bank|secure|lock(?:\s+in)?|realiz?s?e|book|grab|take)\s+(?:some\s+|my\s+|the\s+|in\s+|a\s+bit\s+of\s+|that\s+|those\s+|these\s+)?(?:(\d+(?:\.\d+)?\s*%)\s+)?(?:profits?|gains?|bag|win|wins|money)\b/gi,
    ' takeprofit $1 ',
  ),
  rw('bank', /\bbank\s+(?:it|them|that|those)\b/gi, ' takeprofit '),
  // "take 30% off if eth hits 4k", "take half off at 250": a sale of that share.
  rw('off', /\btake\s+(\d+(?:\.\d+)?\s*%|half|a\s+quarter|a\s+third|some)\s+off\b(?!\s+the\s+table)/gi, ' sell $1 '),
  rw('ride', /\bride\s+(\S+)\s+(?:up\s+)?to\b/gi, ' takeprofit $1 at '),
  rw('doubles|triples', /\bdoubles\b/gi, ' pumps 100% '),
  rw('triples', /\btriples\b/gi, ' pumps 200% '),

  // Cancels: "take down", "pull" / "yank" / "drop" an order.
  rw('take down|take off', /\btake\s+(?:down|off)\b(?=\s+(?:my|the|that|this|all|every))/gi, ' cancel '),

  // Market cap and other market figures the price answers.
  rw('cap', /\bmarket[\s-]*cap(?:italisation|italization)?\b|\bm\s*cap\b/gi, ' marketcap '),
  // Linking another exchange account is not offered.
  rw('link|connect', /\b(?:link|connect|add|hook\s+up)\s+(?:my\s+|an?\s+)?(?:\S+\s+)?(?:account|exchange|api(?:\s+keys?)?|wallet)\b/gi, ' login '),
  // Money leaving the bot is a withdrawal.
  rw('out', /\b(?:get|take|pull|move)\s+(?:my\s+|the\s+)?(?:money|funds|cash|usdt|dollars)\s+out\b/gi, ' withdraw '),

  // Other languages: phrases (single words are mapped per token, see LOANWORDS).
  rw('baja|cae|sube|debajo|encima|dessous|dessus', /\b(?:baja|cae|caiga|baje)\s+(?:de|por\s+debajo\s+de|a)\b|\bpor\s+debajo\s+de\b|\ben\s+dessous\s+de\b/gi, ' drops below '),
  rw('sube|encima|dessus', /\b(?:sube|suba)\s+(?:de|a|por\s+encima\s+de)\b|\bpor\s+encima\s+de\b|\bau[\s-]+dessus\s+de\b/gi, ' rises above '),
  rw('cu', /\ba\s+cu[aá]nto\s+(?:est[aá]|va|cotiza)(?=[\s?!.,]|$)|\bcu[aá]nto\s+(?:vale|cuesta|est[aá])(?=[\s?!.,]|$)/gi, ' price of '),
  rw('funciona|marche|funktioniert', /\bc[oó]mo\s+funciona\b|\bcomment\s+[cç]a\s+marche\b|\bwie\s+funktioniert\b|\bcome\s+funziona\b/gi, ' how does it work '),
  rw('kannst|puedes|peux|puoi', /\bwas\s+kannst\s+du\b|\bqu[eé]\s+puedes\s+hacer\b|\bque\s+peux[\s-]+tu\s+faire\b|\bcosa\s+puoi\s+fare\b/gi, ' what can you do '),
  rw('bescheid', /\bsag\s+mir\s+bescheid\b|\bgib\s+mir\s+bescheid\b/gi, ' notify '),
  rw('pena', /\bvale\s+la\s+pena\b|\bvaut\s+le\s+coup\s+d'?\b|\bne\s+vale\s+la\s+pena\b/gi, ' worth '),
  rw('combien|cuánto|cuanto', /\bcombien\s+(?:vaut|valent)\b|\bcu[aá]nto\s+vale\b/gi, ' how much is worth '),
  rw('ganancia|bénéfice|benefice|gewinn', /\b(?:realiza|toma|asegura)\s+(?:las\s+|mis\s+)?ganancias\b|\bprends?\s+(?:les\s+|mes\s+)?b[ée]n[ée]fices?\b|\bgewinne?\s+mitnehmen\b/gi, ' takeprofit '),
];

/**
 * Single words of other languages that carry a command, read as their English meaning. Only
 * words that are not English (nor tickers) are here; "a", "in", "die" stay as they are.
 */
export const LOANWORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // buy / sell
    compra: 'buy', achat: 'buy', compre: 'buy', comprar: 'buy', compro: 'buy', compri: 'buy', comprami: 'buy', kaufe: 'buy', kaufen: 'buy', kauf: 'buy',
    kauft: 'buy', achète: 'buy', achete: 'buy', acheter: 'buy', achetez: 'buy', koop: 'buy', kopen: 'buy', acquista: 'buy', compramos: 'buy',
    vende: 'sell', vender: 'sell', vendo: 'sell', véndelo: 'sell', vendelo: 'sell', véndela: 'sell', vendi: 'sell', vendere: 'sell',
    vendilo: 'sell', verkauf: 'sell', verkaufe: 'sell', verkaufen: 'sell', vends: 'sell', vendre: 'sell', vendez: 'sell', verkoop: 'sell',
    verkopen: 'sell', venda: 'sell',
    // cancel / orders / list
    cancela: 'cancel', cancelar: 'cancel', cancella: 'cancel', cancellare: 'cancel', annule: 'cancel', annuler: 'cancel', annulez: 'cancel',
    annulla: 'cancel', storniere: 'cancel', stornieren: 'cancel', storno: 'cancel', lösche: 'cancel', loesche: 'cancel', annuleer: 'cancel',
    órdenes: 'orders', ordenes: 'orders', orden: 'order', ordini: 'orders', ordine: 'order', ordres: 'orders', ordre: 'order',
    aufträge: 'orders', auftraege: 'orders', auftrag: 'order', ordens: 'orders', ordem: 'order',
    muéstrame: 'show', muestrame: 'show', muestra: 'show', montre: 'show', zeig: 'show', zeige: 'show', mostra: 'show',
    mostrami: 'show', abiertas: 'open', abiertos: 'open', ouverts: 'open', ouvertes: 'open', offene: 'open', offenen: 'open', aperti: 'open',
    // price / portfolio / signals / help
    precio: 'price', preis: 'price', prix: 'price', prezzo: 'price', preço: 'price', preco: 'price', koers: 'price', kurs: 'price', cotización: 'price',
    cartera: 'portfolio', portefeuille: 'portfolio', portafoglio: 'portfolio', carteira: 'portfolio', guthaben: 'balance', kontostand: 'balance',
    solde: 'balance', saldo: 'balance', señales: 'signals', senales: 'signals', signaux: 'signals', signale: 'signals', segnali: 'signals',
    ayuda: 'help', aide: 'help', hilfe: 'help', aiuto: 'help', ajuda: 'help', hulp: 'help',
    debería: 'should', deberia: 'should', devrais: 'should', sollte: 'should', dovrei: 'should', devo: 'should',
    // alerts and directions
    avísame: 'notify', avisame: 'notify', avisa: 'notify', avisar: 'notify', préviens: 'notify', previens: 'notify', avvisami: 'notify',
    avvisa: 'notify', benachrichtige: 'notify', alerta: 'alert', alarme: 'alert', waarschuw: 'notify',
    über: 'above', ueber: 'above', unter: 'under', sotto: 'below', sopra: 'above', sous: 'below', oltre: 'above',
    // glue words
    si: 'if', wenn: 'when', quand: 'when', cuando: 'when', quando: 'when', se: 'if',
    mis: 'my', mi: 'my', mes: 'my', mon: 'my', ma: 'my', mein: 'my', meine: 'my', meinen: 'my', meiner: 'my', miei: 'my', mie: 'my', mio: 'my',
    mia: 'my', minha: 'my', meus: 'my', mijn: 'my',
    de: 'of', del: 'of', dei: 'of', della: 'of', delle: 'of', du: 'of', des: 'of', von: 'of', vom: 'of', van: 'of', di: 'of',
    für: 'for', fuer: 'for', por: 'for', pour: 'for',
    todas: 'all', todos: 'all', tutti: 'all', tutte: 'all', toutes: 'all', tous: 'all', alle: 'all', tout: 'all', todo: 'all', alles: 'all',
    metà: 'half', mitad: 'half', moitié: 'half', moitie: 'half', hälfte: 'half', haelfte: 'half', helft: 'half', metade: 'half',
    je: 'i', ich: 'i', eu: 'i', ik: 'i', moi: 'me', mir: 'me', mich: 'me', svp: 'please', bitte: 'please', porfa: 'please', favor: 'please',
    en: 'on', esto: 'this', wie: 'how', viel: 'much', ist: 'is', sind: 'are', wert: 'worth', lordre: 'order', lordine: 'order', lorden: 'order',
    à: 'at', ceci: 'this', dies: 'this', questo: 'this',
  }),
);

/** Greetings and thanks of other languages: small talk, never a coin's typo ("hola" is not HOLO). */
export const FOREIGN_SMALL_TALK: ReadonlySet<string> = new Set([
  'hola', 'buenas', 'gracias', 'salut', 'bonjour', 'bonsoir', 'merci', 'hallo', 'servus', 'danke', 'ciao', 'grazie', 'buongiorno', 'ola', 'olá',
  'obrigado', 'obrigada', 'dank', 'bedankt', 'hoi', 'moin', 'tschüss', 'adios', 'adiós', 'gracie',
]);
