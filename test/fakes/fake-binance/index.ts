export { startFakeBinance, type Fault, type FakeBinance, type FakeBinanceOptions, type RecordedRequest } from './server.js';
export { FakeBinanceState, DEFAULT_SYMBOLS, fmt8, type FakeSymbolSpec } from './state.js';
export { binanceError, type FakeRequest, type FakeResponse, type RouteHandler, type Routes } from './route-types.js';
export { publicRoutes } from './public-routes.js';
export { createPrivateRoutes } from './private-routes.js';
export { FakeAccount, BinanceRejection, type FakeAccountOptions, type FakeOrder, type FakeFill, type FakeOrderStatus } from './account-state.js';
