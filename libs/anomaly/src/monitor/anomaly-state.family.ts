import type { ModelFamily } from '#models';
import { AnomalyPipeline, type AnomalyPipelineState } from './anomaly-pipeline';

/**
 * The anomaly service's learned state (baselines and open incidents) as a versioned model: saved
 * as checkpoints through the model lifecycle, loaded at start so a restart resumes warm.
 */
export const anomalyStateFamily: ModelFamily<AnomalyPipelineState> = {
  name: 'anomaly-pipeline-state',
  toState: (state) => state,
  fromState(raw) {
    const state = raw as AnomalyPipelineState;
    if (!state || !Array.isArray(state.monitor?.subjects) || !Array.isArray(state.incidents) || typeof state.watermark !== 'number') {
      throw new Error('anomaly state: expected { monitor: { subjects: [...] }, incidents: [...], watermark }');
    }
    return state;
  },
  smokeTest(state) {
    // Restoring must not throw (slot layout matching the options, detector states well formed).
    new AnomalyPipeline(undefined, state).statistics();
  },
};
