// The staff app's crypto worker: common and staff operations.
import * as common from './common-ops.ts';
import * as escalation from './escalation-ops.ts';
import * as inbox from './inbox-ops.ts';
import * as custody from './key-custody-ops.ts';
import * as staff from './staff-ops.ts';
import { serve } from './worker-host.ts';

const ops = { ...common, ...staff, ...escalation, ...custody, ...inbox };
export type StaffOps = typeof ops;
serve(ops);
