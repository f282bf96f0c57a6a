import { requireSignIn } from './page.js';
import { watchCounts } from './live.js';
import { wireSearch } from './search.js';
import { refreshNodes } from './nodes.js';
import { watchProjection } from './projection.js';
import { refreshRetention } from './retention.js';

if (requireSignIn()) {
  refreshNodes();
  watchCounts(() => refreshNodes());
  wireSearch();
  watchProjection();
  refreshRetention();
}
