import { catalogueTickers } from './coin-catalogue.js';
import type { AssetCatalog } from './contract.js';

/**
 * Well-known Binance spot assets (bases and quotes). The parser works offline with this list;
 * the app unions it with the markets the exchange actually reports, so a new listing is
 * understood without a code change. Delisted names (MATIC, FTM, ...) stay because people
 * still type them; the exchange boundary tells the user when a market is gone.
 */
const LIST = `
BTC ETH BNB SOL XRP DOGE ADA TRX AVAX SHIB DOT LINK TON MATIC POL LTC BCH NEAR UNI ICP APT XLM ETC FIL ATOM HBAR
ARB OP IMX INJ VET MKR GRT RNDR RENDER STX SUI SEI TIA AAVE ALGO EGLD SAND MANA AXS THETA FTM S FLOW CHZ XTZ EOS
KAVA NEO IOTA ZEC DASH CAKE RUNE CRV COMP SNX 1INCH ENJ BAT ZIL ONE HOT QTUM ICX ONT WAVES LDO PEPE FLOKI BONK
WIF JUP PYTH STRK ORDI SATS 1000SATS WLD BLUR GMX DYDX APE GALA ROSE KSM CELO AR MINA CFX AGIX FET OCEAN GLM
JASMY LUNC LUNA USTC ANKR AUDIO BAND BAL BNT C98 CELR CHR COTI CTSI DENT DGB DODO ELF ENS FXS GMT HIGH HOOK ID
IOST IOTX JOE KNC LINA LOOM LPT LQTY LRC MAGIC MASK MAV MDT MTL NKN NMR OGN OM ONG OXT PENDLE PEOPLE PERP PHB
POLYX POND POWR QNT QI RAD RARE RAY RDNT REEF REQ RIF RLC RSR RVN SFP SKL SLP SPELL SSV STG STMX STORJ STPT
SUN SUPER SUSHI SXP SYS T TFUEL TLM TRB TRU TWT UMA UNFI UTK VANRY VIB VIDT VOXEL WAXP WIN WOO XAI XEC XVG
XVS YFI YGG ZEN ZRX ACE AI ALT ARKM AXL BEAMX BOME CYBER DYM EDU ETHFI ENA IO JTO MANTA MEME METIS NFP NOT
NTRN OMNI PIXEL PORTAL REZ SAGA TAO TNSR W ZK ZRO LISTA BANANA TURBO NEIRO DOGS CATI HMSTR EIGEN SCR COW
CETUS PNUT ACT ME MOVE USUAL VANA PENGU TRUMP BERA KAITO LAYER GAS BTTC XNO ACH ADX AERGO AEVO ALICE ALPHA
AMB API3 ARDR ARPA ASTR ATA AVA BAKE BEL BICO BIFI BLZ BSW CHESS CKB CLV COMBO CREAM CVC CVX DAR DATA DEGO
DEXE DF DIA DUSK EPX ERN FIDA FIO FIS FLUX FORTH FRONT FUN GHST GLMR GNS GNO HARD HFT HIFI IDEX ILV JST KEY
KMD LEVER LIT LSK LTO MBL MBOX MDX MLN MOVR NEXO NULS OAX OG ORN OSMO PAXG PDA PHA PIVX PROM PROS PSG PUNDIX
PYR QKC QUICK RPL SANTOS SCRT SC SNT STEEM STRAX SYN TKO TROY UFT VGX VITE VTHO WAN WBTC WBETH WING WRX XEM
FOR RONIN JUV ATM ASR BAR CITY PORTO LAZIO ALPINE ACM OG SLF GFT AKRO AUCTION BADGER BOND BURGER CTK DOCK
FARM FOR GTC IRIS KP3R MC MIR MULTI OOKI POLS RAMP REI SUPER TVK VIC XVS ZEC AEUR ARK BB BIO COOKIE D DF
DEGO FORM G HAEDAL HOME HUMA HYPER INIT IP JTO KMNO LUMIA ME MUBARAK NIL ORCA PARTI PLUME RED RESOLV SAHARA
SHELL SIGN SOPH SXT THE TST VIRTUAL WCT XAI ZKJ
USDT USDC FDUSD TUSD BUSD USDP DAI EUR TRY BRL GBP JPY AUD RUB UAH PLN ARS ZAR MXN COP CZK IDR NGN RON BIDR
`;

export const KNOWN_QUOTES: readonly string[] = Object.freeze(['USDT', 'USDC', 'FDUSD', 'TUSD', 'BUSD', 'DAI', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY', 'BRL', 'GBP', 'JPY']);

/** The bundled list and every listed coin of the catalogue (coin-catalogue.json). */
export const KNOWN_ASSETS: readonly string[] = Object.freeze([...new Set([...LIST.split(/\s+/).filter((t) => t !== ''), ...catalogueTickers()])]);

const TICKER = /^[A-Z0-9]{1,20}$/;

/** An asset catalog over a fixed list of tickers. */
export class StaticAssetCatalog implements AssetCatalog {
  private readonly set: ReadonlySet<string>;
  private readonly list: readonly string[];

  constructor(tickers: Iterable<string>) {
    const unique = new Set<string>();
    for (const t of tickers) {
      const upper = typeof t === 'string' ? t.trim().toUpperCase() : '';
      if (TICKER.test(upper)) unique.add(upper);
    }
    this.set = unique;
    // One frozen array for the catalog's life: the parser caches its fuzzy index per array.
    this.list = Object.freeze([...unique]);
  }

  /** Assets of exchange markets written "BASE/QUOTE" (ccxt's market symbols, e.g. "ETH/BTC"). */
  static fromSymbols(symbols: Iterable<string>): StaticAssetCatalog {
    const tickers: string[] = [];
    for (const s of symbols) tickers.push(...s.split(/[/:]/).slice(0, 2));
    return new StaticAssetCatalog(tickers);
  }

  /** The union of several catalogs: e.g. the exchange's live markets and KNOWN_ASSETS. */
  static union(...catalogs: AssetCatalog[]): StaticAssetCatalog {
    return new StaticAssetCatalog(catalogs.flatMap((c) => [...c.assets()]));
  }

  hasAsset(ticker: string): boolean {
    return this.set.has(ticker) || this.set.has(ticker.toUpperCase());
  }

  assets(): readonly string[] {
    return this.list;
  }

  merge(...others: AssetCatalog[]): StaticAssetCatalog {
    return StaticAssetCatalog.union(this, ...others);
  }

  get size(): number {
    return this.list.length;
  }
}
