// The risk module's public face. trading-facts.ts is left out on purpose: it imports trading types,
// and a trading module importing this barrel would then close an import cycle. Import it directly.
export { evaluateRisk, RULES, type RiskEvaluation, type RiskRule } from './evaluate-risk.js';
export { exposureOf, isCash, STABLECOINS, type Exposure, type ExposureReason } from './exposure.js';
export type { HoldingFact, OpenOrderFact, RiskCancel, RiskFacts, RiskOrder, RiskTrade } from './facts.js';
export { DEFAULT_RISK_LIMITS, RISK_LIMIT_BOUNDS, resolveRiskLimits, type LimitBound, type LimitProblem, type LimitsResult, type RiskLimitName, type RiskLimits } from './limits.js';
export { orderRisk, sizeByRisk, type OrderRisk, type SizingRequest, type SizingResult, type StopTrade } from './position-sizing.js';
export { riskStatus, type RiskStatus } from './risk-status.js';
export { isBlocking, RISK_RULES, type RiskRuleName, type RiskVerdict, type RiskVerdictKind } from './verdict.js';
