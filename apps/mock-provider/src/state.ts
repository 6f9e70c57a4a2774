import { Recorder } from './recorder.js';
import { ScenarioStore } from './scenarios.js';

/** Per-server mutable state: one instance per `startMockProvider`, so parallel mocks never mix. */
export class MockState {
  readonly scenarios = new ScenarioStore();
  readonly recorder = new Recorder();

  reset(): void {
    this.scenarios.clear();
    this.recorder.clear();
  }
}
