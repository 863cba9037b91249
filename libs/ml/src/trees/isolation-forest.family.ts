import type { ModelFamily } from '#models';
import { IsolationForest, type IsolationForestState } from './isolation-forest';

export const isolationForestFamily: ModelFamily<IsolationForest> = {
  name: 'isolation-forest',
  toState: (model) => model.state,
  fromState: (state) => IsolationForest.fromState(state as IsolationForestState),
  smokeTest(model) {
    const s = model.score(new Array<number>(model.state.featureNames.length).fill(0));
    if (!(s > 0 && s <= 1)) throw new Error(`score of the zero vector is ${s}, outside (0, 1]`);
  },
};
