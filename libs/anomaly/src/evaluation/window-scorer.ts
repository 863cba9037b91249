/** A labelled anomaly window, epoch ms, end exclusive. */
export interface LabelWindow {
  start: number;
  end: number;
}

export interface WindowScore {
  windows: number;
  detectedWindows: number;
  /** Alerts outside every window. */
  falseAlerts: number;
  /** Detected windows / windows. */
  recall: number;
  /** Alerts inside a window / all alerts. */
  precision: number;
  /** Mean time from window start to its first alert, over detected windows (ms). */
  meanDetectionDelayMs: number | null;
}

/**
 * Scores alert times against labelled windows: a window counts as detected by its first alert
 * inside it; alerts outside all windows are false. A simple, readable complement to the NAB score.
 */
export function scoreWindows(windows: readonly LabelWindow[], alertTimes: readonly number[]): WindowScore {
  const sorted = [...alertTimes].sort((a, b) => a - b);
  const inWindow = (t: number) => windows.some((w) => t >= w.start && t < w.end);
  const delays: number[] = [];
  for (const w of windows) {
    const first = sorted.find((t) => t >= w.start && t < w.end);
    if (first !== undefined) delays.push(first - w.start);
  }
  const truePositives = sorted.filter(inWindow).length;
  return {
    windows: windows.length,
    detectedWindows: delays.length,
    falseAlerts: sorted.length - truePositives,
    recall: windows.length === 0 ? Number.NaN : delays.length / windows.length,
    precision: sorted.length === 0 ? Number.NaN : truePositives / sorted.length,
    meanDetectionDelayMs: delays.length === 0 ? null : delays.reduce((a, b) => a + b, 0) / delays.length,
  };
}

/** 1 for points inside a window, else 0 (NAB's `label` column). */
export function pointLabels(timestamps: readonly number[], windows: readonly LabelWindow[]): number[] {
  return timestamps.map((t) => (windows.some((w) => t >= w.start && t < w.end) ? 1 : 0));
}
