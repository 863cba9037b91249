export { deriveSeed, fmix32, hashString } from './hash';
export { Random, logFactorial } from './random';
export { WeightedSampler } from './weighted-sampler';
export { EventIdSequence, eventId, shortId } from './event-id';
export { DAY_MS, HOUR_MS, MINUTE_MS, dayNumber, dayStartMs, isoDate, isWeekend, weekdayOf } from './calendar';
export { DailyCycle, SHOP_HOURLY_ACTIVITY } from './daily-cycle';
export { poissonArrivals } from './arrivals';
export { CATEGORY_PROFILES, REGIONS, type CategoryProfile } from './catalogue-words';
export { createCatalogue, productEvent, type Catalogue, type CatalogueOptions, type CatalogueProduct, type DemandProfile } from './catalogue';
export { DemandModel, type DemandDay, type DemandOptions, type PeriodOptions, type ProductDemandTruth } from './demand';
export { LiveSalesSource, salesHistory, type LiveSalesOptions, type SalesHistoryOptions } from './sales';
export { UserPopulation } from './user-population';
export { SHOP_ROUTES, routeSubject, type RouteProfile, type StatusMix } from './request-routes';
export { RequestLogSource, type RequestLogOptions } from './request-log';
export {
  SCENARIO_KINDS,
  planIncidents,
  type Incident,
  type IncidentLabel,
  type IncidentPlanOptions,
  type IncidentRequest,
  type ScenarioKind,
  type SubjectKind,
} from './scenarios';
export { FASHION_VALUES, fashionPrompt, randomAttributeSpec } from './fashion-attributes';
export { FeedbackSource, createHiddenPreferences, likeProbability, preferenceUtility, type FeedbackOptions, type HiddenPreference } from './feedback';
export type { EventSource, TopicEvent, TopicValues, TrafficEvent, TrafficTopic } from './traffic-event';
export { createTraffic, type Traffic, type TrafficBatch, type TrafficGroundTruth, type TrafficOptions } from './traffic';

