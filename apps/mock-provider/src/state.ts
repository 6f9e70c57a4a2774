import { Recorder } from './recorder.js';
import { ScenarioStore } from './scenarios.js';

/** A Replicate prediction created without `Prefer: wait`, answered later by GET. */
export interface StoredPrediction {
  model: string;
  input: unknown;
  createdAt: string;
}

/** Predictions kept for polling; older ones are dropped first. */
const MAX_PREDICTIONS = 1000;

/** Per-server mutable state: one instance per `startMockProvider`, so parallel mocks never mix. */
export class MockState {
  readonly scenarios = new ScenarioStore();
  readonly recorder = new Recorder();
  /** Access tokens issued by the token endpoint since the last reset. */
  tokensIssued = 0;
  readonly predictions = new Map<string, StoredPrediction>();

  savePrediction(id: string, p: StoredPrediction): void {
    if (this.predictions.size >= MAX_PREDICTIONS) this.predictions.delete(this.predictions.keys().next().value!);
    this.predictions.set(id, p);
  }

  reset(): void {
    this.scenarios.clear();
    this.recorder.clear();
    this.tokensIssued = 0;
    this.predictions.clear();
  }
}
