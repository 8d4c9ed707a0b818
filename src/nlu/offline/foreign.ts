import { rw, type Rewrite } from './rewrites.js';

/**
 * Other languages, read as English before the English idioms and rules run. Phrases whose words
 * mean something else alone ("baja de" is "drops below", "vale la pena" is "worth") are rewritten
 * first; then each word of LOANWORDS becomes its English meaning in the text, so the English
 * synonym classes of idioms.ts read "sichere meine gewinne" as they read "secure my gains".
 */

export const FOREIGN_PHRASES: readonly Rewrite[] = [
  rw('baja|cae|sube|debajo|encima|dessous|dessus', /\b(?:baja|cae|caiga|baje)\s+(?:de|por\s+debajo\s+de|a)\b|\bpor\s+debajo\s+de\b|\ben\s+dessous\s+de\b/gi, ' drops below '),
  rw('sube|encima|dessus', /\b(?:sube|suba)\s+(?:de|a|por\s+encima\s+de)\b|\bpor\s+encima\s+de\b|\bau[\s-]+dessus\s+de\b/gi, ' rises above '),
  // "¿cuánto vale?", "quanto custa o aptos", "combien coûte", "wie viel kostet": what one costs.
  rw(
    'cu|quanto|combien|viel',
    /\ba\s+cu[aá]nto\s+(?:est[aá]|va|cotiza)(?=[\s?!.,]|$)|\b(?:cu[aá]nto|quanto|combien|wie\s*viel)\s+(?:vale|vaut|cuesta|custa|costa|co[uû]te|kostet|est[aá]|sta|cotiza)(?=[\s?!.,]|$)/gi,
    ' price of ',
  ),
  rw('funciona|marche|funktioniert', /\bc[oó]mo\s+funciona\b|\bcomment\s+[cç]a\s+marche\b|\bwie\s+funktioniert\b|\bcome\s+funziona\b/gi, ' how does it work '),
  rw('kannst|puedes|peux|puoi', /\bwas\s+kannst\s+du\b|\bqu[eé]\s+puedes\s+hacer\b|\bque\s+peux[\s-]+tu\s+faire\b|\bcosa\s+puoi\s+fare\b/gi, ' what can you do '),
  rw('bescheid', /\bsag\s+mir\s+bescheid\b|\bgib\s+mir\s+bescheid\b/gi, ' notify '),
  rw('pena', /\bvale\s+la\s+pena\b|\bvaut\s+le\s+coup\s+d'?\b|\bne\s+vale\s+la\s+pena\b/gi, ' worth '),
  rw('combien|cuánto|cuanto', /\bcombien\s+(?:vaut|valent)\b|\bcu[aá]nto\s+vale\b/gi, ' how much is worth '),
  rw('ganancia|bénéfice|benefice|gewinn', /\b(?:realiza|toma|asegura)\s+(?:las\s+|mis\s+)?ganancias\b|\bprends?\s+(?:les\s+|mes\s+)?b[ée]n[ée]fices?\b|\bgewinne?\s+mitnehmen\b/gi, ' takeprofit '),
  // "quando sol passar de 200", "si pasa de 3000": goes past a level.
  rw('pass|supera', /\b(?:passar|passa|passe|pasa|pase|pasar|supera(?:r)?)\s+(?:de|da|do|los|las)\b/gi, ' rises above '),
  rw('lohnt', /\blohnt\s+(?:es\s+)?sich\b/gi, ' worth it '),
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
    // word classes added so other languages read like English before the English idioms run
    // ("sichere meine gewinne bei eth 4000" is "secure my gains at eth 4000")
    quanto: 'how much', cuánto: 'how much', cuanto: 'how much', combien: 'how much', wieviel: 'how much', hoeveel: 'how much',
    custa: 'costs', cuesta: 'costs', costa: 'costs', coûte: 'costs', coute: 'costs', kostet: 'costs', kost: 'costs',
    vale: 'is worth', vaut: 'is worth', valent: 'are worth', valor: 'value', lohnt: 'worth',
    chegar: 'reaches', chegue: 'reaches', chega: 'reaches', llegue: 'reaches', llega: 'reaches', llegar: 'reaches', atinja: 'reaches',
    atinge: 'reaches', atingir: 'reaches', raggiunge: 'reaches', arriva: 'reaches', atteint: 'reaches', atteigne: 'reaches',
    erreicht: 'reaches', erreichen: 'reaches', bereikt: 'reaches',
    cai: 'drops', cair: 'drops', caia: 'drops', cae: 'drops', caiga: 'drops', baje: 'drops', bajar: 'drops', tombe: 'drops',
    baisse: 'drops', chute: 'drops', fällt: 'drops', faellt: 'drops', scende: 'drops', daalt: 'drops',
    sobe: 'rises', subir: 'rises', suba: 'rises', sube: 'rises', monte: 'rises', dépasse: 'rises', depasse: 'rises', steigt: 'rises',
    stijgt: 'rises', supera: 'rises', supere: 'rises',
    abaixo: 'below', debajo: 'below', dessous: 'below', onder: 'below', unterhalb: 'below',
    acima: 'above', encima: 'above', dessus: 'above', oberhalb: 'above', boven: 'above',
    depot: 'portfolio', konto: 'account', cuenta: 'account', conta: 'account', compte: 'account', cours: 'price', cotação: 'price',
    cotacao: 'price', precios: 'prices',
    gewinne: 'profits', gewinn: 'profit', ganancias: 'profits', ganancia: 'profit', bénéfices: 'profits', benefices: 'profits',
    bénéfice: 'profit', lucro: 'profit', lucros: 'profits', ganhos: 'gains', guadagni: 'gains', profitti: 'profits', winst: 'profit',
    verluste: 'losses', verlust: 'loss', pérdidas: 'losses', perdidas: 'losses', pérdida: 'loss', pertes: 'losses', perte: 'loss',
    perdas: 'losses', perdite: 'losses', verlies: 'loss',
    sichere: 'secure', sichern: 'secure', sichert: 'secure', asegura: 'secure', asegurar: 'secure', sécurise: 'secure',
    securise: 'secure', garante: 'secure', assicura: 'secure',
    begrenze: 'limit', begrenzen: 'limit', limita: 'limit', limitar: 'limit', limite: 'limit', limiter: 'limit', limitare: 'limit',
    verlustbegrenzung: 'stoploss', stopp: 'stoploss', gewinnmitnahme: 'takeprofit', kursziel: 'target',
    einstieg: 'entry', entrada: 'entry', entrée: 'entry', entrata: 'entry', análisis: 'analysis', tendencia: 'trend',
    tendance: 'trend', tendenz: 'trend', deveria: 'should', soll: 'should',
    cancele: 'cancel', cancelle: 'cancel', löschen: 'cancel', mostre: 'show', mostrar: 'show', zeigen: 'show',
    abertas: 'open', abertos: 'open', offen: 'open', aperte: 'open', avise: 'notify', avisem: 'notify', prévenez: 'notify',
    alerte: 'alert',
    dólares: 'dollars', dolares: 'dollars', dólar: 'dollar', dolar: 'dollar', dollari: 'dollars', dolarlık: 'dollars', dolarlik: 'dollars',
    // Indonesian / Malay and Turkish: "jual semua sol saya", "harga eth berapa sekarang", "100 dolarlık btc al"
    beli: 'buy', jual: 'sell', semua: 'all', saya: 'my', harga: 'price', berapa: 'how much', sekarang: 'now', batalkan: 'cancel',
    batal: 'cancel', al: 'buy', fiyat: 'price', fiyatı: 'price', iptal: 'cancel', hepsini: 'all',
    steht: 'is', stehen: 'are', läuft: 'is doing', laeuft: 'is doing',
    hoje: 'today', hoy: 'today', heute: 'today', oggi: 'today', agora: 'now', ahora: 'now', jetzt: 'now', maintenant: 'now',
    adesso: 'now',
    // articles and glue ("o", "la", "der" → "the"; "bei" → "at"); "a", "die", "as" are English and stay, and "un", "ein", "een"
    // stay too: read as "a" they would join a spelled number ("eight een percent" is no 8)
    o: 'the', os: 'the', el: 'the', los: 'the', las: 'the', la: 'the', le: 'the', les: 'the', il: 'the', lo: 'the', gli: 'the',
    der: 'the', das: 'the', den: 'the', dem: 'the', het: 'the',
    bei: 'at', pra: 'to', para: 'to', mit: 'with', con: 'with', avec: 'with',
    com: 'with', und: 'and', et: 'and', ou: 'or', oder: 'or', oppure: 'or',   est: 'is', es: 'is', é: 'is',
    è: 'is', qué: 'what',
    nicht: 'not', pas: 'not', nunca: 'never', jamais: 'never', niemals: 'never', non: 'not', não: 'not', nao: 'not',
    kein: 'no', keine: 'no',
  }),
);

/** Greetings and thanks of other languages: small talk, never a coin's typo ("hola" is not HOLO). */
export const FOREIGN_SMALL_TALK: ReadonlySet<string> = new Set([
  'hola', 'buenas', 'gracias', 'salut', 'bonjour', 'bonsoir', 'merci', 'hallo', 'servus', 'danke', 'ciao', 'grazie', 'buongiorno', 'ola', 'olá',
  'obrigado', 'obrigada', 'dank', 'bedankt', 'hoi', 'moin', 'tschüss', 'adios', 'adiós', 'gracie',
]);

/** French and Italian elisions: "l'ordre" is "the ordre", "n'achète" is "not achète". */
const ELISION = /(?<![\p{L}\p{N}])(l|d|j|n|m|t|s|c|qu|dell|nell|all|sull|dall)'(?=\p{L})/giu;
const ELIDED: Readonly<Record<string, string>> = {
  l: 'the ', d: 'of ', j: 'i ', n: 'not ', m: 'me ', t: 'you ', s: 'if ', c: 'it ', qu: 'that ', dell: 'of the ', nell: 'in the ',
  all: 'to the ', sull: 'on the ', dall: 'from the ',
};
/**
 * A whole word: letters with no letter, digit, apostrophe or hyphen glued on ("10o" stays a flawed
 * number, "eight-een" a garbled one); hyphenated words are read per token instead (analyze.ts).
 */
const WORD = /(?<![\p{L}\p{N}_'$#@-])\p{L}+(?![\p{L}\p{N}_'-])/gu;

/** One test for "any word of another language": most messages have none and stop there. */
const ANY_LOANWORD = new RegExp(
  `(?<![\\p{L}\\p{N}_'$#@-])(?:${[...LOANWORDS.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}_'-])|(?<![\\p{L}\\p{N}])(?:${Object.keys(ELIDED).join('|')})'\\p{L}`,
  'iu',
);

/** The text with each word of another language in English; the text itself when it has none. */
export function translateWords(s: string): string {
  if (!ANY_LOANWORD.test(s)) return s;
  const elided = s.includes("'") ? s.replace(ELISION, (m: string, e: string) => ELIDED[e.toLowerCase()] ?? m) : s;
  return elided.replace(WORD, (w) => LOANWORDS.get(w.toLowerCase()) ?? w);
}
