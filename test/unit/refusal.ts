import { BridgeError } from '../../src/errors.js';

/** The BridgeError `run` refuses with; fails the test when it accepts, rethrows any other error. */
export function refusalOf(run: () => unknown): BridgeError {
  try {
    run();
  } catch (error) {
    if (error instanceof BridgeError) return error;
    throw error;
  }
  throw new Error('it was accepted');
}
