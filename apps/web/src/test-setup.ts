import '@angular/compiler';
import '@analogjs/vitest-angular/setup-snapshots';

import { setupTestBed } from '@analogjs/vitest-angular/setup-testbed';
import { provideForms } from './app/shared/forms/error-state';

// Components are tested with the form behaviour the app provides (app.config.ts).
setupTestBed({
  zoneless: true,
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
  providers: [provideForms()],
});
