export const FEEDBACK_CONFIG = Symbol('FeedbackConfig');
export const REWARD_SERVICE = Symbol('RewardService');
export const REWARD_LEARNER = Symbol('RewardLearner');
export const FEEDBACK_PRODUCER = Symbol('FeedbackProducer');
export const ML_REQUESTS = Symbol('MlRequests');
export const STYLE_PROFILES = Symbol('StyleProfiles');
export const SERVICE_HEALTH = Symbol('ServiceHealth');
