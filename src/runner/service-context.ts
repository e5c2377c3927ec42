import type { FileConfig } from '../config-file';
import type { Metrics } from '../metrics';
import type { Database } from '../store/database';
import type { AdvanceDeps } from './advance-run';
import type { TemplateCatalog } from './template-catalog';

/** What the run service's operations share. */
export interface ServiceContext extends AdvanceDeps {
  database: Database;
  catalog: TemplateCatalog;
  /** `groups` (quorum groups) and `people` (quiet hours) are optional: without them there are none. */
  config: Pick<FileConfig, 'roles' | 'permissions'> & Partial<Pick<FileConfig, 'groups' | 'people'>>;
  metrics?: Metrics;
  /** Told after commit when a run is cancelled, so in-process executors stop at once. */
  onRunCancelled?: (runId: string) => void;
}
