// The pupil app's crypto worker: common and pupil operations only (never staff code).
import * as common from './common-ops.ts';
import * as pupil from './pupil-ops.ts';
import { serve } from './worker-host.ts';

const ops = { ...common, ...pupil };
export type PupilOps = typeof ops;
serve(ops);
