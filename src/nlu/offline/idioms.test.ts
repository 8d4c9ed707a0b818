import { describe, expect, it } from 'vitest';
import { KNOWN_ASSETS, StaticAssetCatalog } from '../known-assets.js';
import { parseOffline } from './offline-parser.js';

// Phrasings written for these tests, apart from the labelled sets: each class must read members
// it was not written from.
const catalog = new StaticAssetCatalog(KNOWN_ASSETS);
const command = (text: string) => parseOffline(text, catalog).command;

describe('synonym classes', () => {
  it('reads protective exits on a fall as stop-losses', () => {
    expect(command('limit my downside on sol at 120')).toEqual({ intent: 'set_stop_loss', symbol: 'SOL/USDT', price: 120 });
    expect(command('cap my losses on eth at 2700')).toEqual({ intent: 'set_stop_loss', symbol: 'ETH/USDT', price: 2700 });
    expect(command('get me out of avax if it drops under 20')).toEqual({ intent: 'set_stop_loss', symbol: 'AVAX/USDT', price: 20 });
    expect(command('if doge falls below 0.1 get me out')).toEqual({ intent: 'set_stop_loss', symbol: 'DOGE/USDT', price: 0.1 });
    expect(command('bail on sol if it loses 130')).toEqual({ intent: 'set_stop_loss', symbol: 'SOL/USDT', price: 130 });
  });

  it('reads profit-taking idioms as take-profits, and a sized exit on a rise as a sell limit', () => {
    expect(command('bank profits on arb at 1.5')).toEqual({ intent: 'set_take_profit', symbol: 'ARB/USDT', price: 1.5 });
    expect(command('secure the bag on pepe when it hits 0.00002')).toEqual({ intent: 'set_take_profit', symbol: 'PEPE/USDT', price: 0.00002 });
    expect(command('lock in 15% gains on link')).toEqual({ intent: 'set_take_profit', symbol: 'LINK/USDT', percentage: 15 });
    expect(command('take the money on sol at 200')).toEqual({ intent: 'set_take_profit', symbol: 'SOL/USDT', price: 200 });
    expect(command('sell 3 link if it goes up to 20')).toEqual({ intent: 'sell_limit', symbol: 'LINK/USDT', amount: 3, price: 20 });
  });

  it('reads alert idioms, with the direction only when the words give one', () => {
    expect(command('shout at me when sol moons past 250')).toEqual({ intent: 'set_alert', symbol: 'SOL/USDT', price: 250, direction: 'above' });
    expect(command('lemme know if ada dips under 0.4')).toEqual({ intent: 'set_alert', symbol: 'ADA/USDT', price: 0.4, direction: 'below' });
    expect(command('drop me a line when btc reclaims 70k')).toEqual({ intent: 'set_alert', symbol: 'BTC/USDT', price: 70000, direction: 'above' });
    expect(command('ping me when chainlink touches 20')).toEqual({ intent: 'set_alert', symbol: 'LINK/USDT', price: 20 });
    expect(command('keep an eye on polkadot for me')).toEqual({ intent: 'set_alert', symbol: 'DOT/USDT' });
  });

  it('reads cancel verbs and plural orders', () => {
    expect(command('kill my eth orders')).toEqual({ intent: 'cancel_order', symbol: 'ETH/USDT', order_id: 'all' });
    expect(command('yank the sol limit')).toEqual({ intent: 'cancel_order', symbol: 'SOL/USDT' });
    expect(command('ditch all my orders')).toEqual({ intent: 'cancel_order', order_id: 'all' });
    expect(command('scrap my last order')).toEqual({ intent: 'cancel_order', order_id: 'last' });
    expect(command('nuke all my bids')).toEqual({ intent: 'cancel_order', order_id: 'all' });
    // Not a cancel: selling all of a coin.
    expect(command('get rid of all my pepe')).toEqual({ intent: 'sell_market', symbol: 'PEPE/USDT', percentage: 100 });
  });

  it('reads questions about orders, value, and advice', () => {
    expect(command('do i have any stops on sol')).toEqual({ intent: 'list_orders', symbol: 'SOL/USDT' });
    expect(command('did my eth limit fill')).toEqual({ intent: 'list_orders', symbol: 'ETH/USDT' });
    expect(command("what's it all worth")).toEqual({ intent: 'check_portfolio' });
    expect(command('am i in the green')).toEqual({ intent: 'check_portfolio' });
    expect(command("what's my avg entry on sol")).toEqual({ intent: 'check_portfolio' });
    expect(command('how much is one sol going for')).toEqual({ intent: 'get_price', symbol: 'SOL/USDT' });
    expect(command('should i get out of doge?')).toEqual({ intent: 'get_signals', symbol: 'DOGE/USDT' });
    expect(command('worth getting into injective?')).toEqual({ intent: 'get_signals', symbol: 'INJ/USDT' });
    expect(command('how does this work?')).toEqual({ intent: 'help' });
  });

  it('reads command words of other languages like English', () => {
    expect(command('vende 2 sol')).toEqual({ intent: 'sell_market', symbol: 'SOL/USDT', amount: 2 });
    expect(command('achète 3 eth')).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', amount: 3 });
    expect(command('prezzo di bitcoin')).toEqual({ intent: 'get_price', symbol: 'BTC/USDT' });
    expect(command('annule mes ordres')).toEqual({ intent: 'cancel_order', order_id: 'all' });
  });

  it('reads a message taken back at its end as no command', () => {
    expect(command('buy 2 sol, nah forget it')).toEqual({ intent: 'unknown' });
    expect(command('alert me at 70k on btc... never mind')).toEqual({ intent: 'unknown' });
    expect(command('scrap that, buy 1 eth instead')).toEqual({ intent: 'buy_market', symbol: 'ETH/USDT', amount: 1 });
  });
});
