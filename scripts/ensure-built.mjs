// Builds the API if dist is missing or stale (used by tests that run the built app).
import { ensureApiBuilt } from './build-state.mjs';

ensureApiBuilt();
