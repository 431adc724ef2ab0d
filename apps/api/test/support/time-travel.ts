import type { Clock } from '../../src/infra/clock/clock.js';

/**
 * Moves an app's clock forward (or back) inside a test; every move is undone after the
 * test, so later tests in the file see the real time again. Call it in a describe block.
 */
export function timeTravel(clock: () => Clock): (ms: number) => void {
  let travelled = 0;
  afterEach(() => {
    clock().advance(-travelled);
    travelled = 0;
  });
  return (ms) => {
    clock().advance(ms);
    travelled += ms;
  };
}
