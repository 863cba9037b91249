import type { ModelFamily } from '#models';
import { LogisticRegression, type LogisticRegressionState } from './logistic-regression';

/** Saves and loads LogisticRegression models as their JSON state. */
export const logisticRegressionFamily: ModelFamily<LogisticRegression> = {
  name: 'logistic-regression',
  toState: (model) => model.state,
  fromState: (state) => LogisticRegression.fromState(state as LogisticRegressionState),
  smokeTest(model) {
    const p = model.predictProbability(model.state.means);
    if (!(p >= 0 && p <= 1)) throw new Error(`prediction at the feature means is ${p}, not a probability`);
  },
};
