// While the thread is open it looks for a new answer by itself: first after 30 s, then each wait
// twice the last, up to 5 minutes; a new answer starts again at 30 s. Nothing is fetched while the
// page is hidden; coming back to it checks at once. At most 120 reads an hour, well inside the
// per-report read limit ([Note: rate limits]), and a school's server sees one read per open
// thread every few minutes, not a poll a second.
import { ApiFailure } from '../../common/api.ts';
import { session, type School } from '../state.ts';
import { refreshThread } from './open-thread.ts';

export const FIRST_WAIT_MS = 30_000;
export const LONGEST_WAIT_MS = 5 * 60_000;

const answers = () =>
  session.value?.opened.messages.filter((m) => m.authorRole !== 'pupil').length ?? 0;

export function watchThread(
  school: School,
  on: { newAnswer: () => void; failed: (ended: boolean) => void },
): () => void {
  let wait = FIRST_WAIT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !document.hidden) timer = setTimeout(() => void check(), wait);
  };
  const check = async () => {
    const current = session.value;
    if (stopped || !current || document.hidden) return;
    const before = answers();
    try {
      await refreshThread(school, current);
    } catch (e) {
      const ended = e instanceof ApiFailure && e.code === 'unauthorized';
      on.failed(ended);
      if (ended) return; // the session is over: nothing more to fetch
    }
    if (stopped) return;
    if (answers() > before) {
      on.newAnswer();
      wait = FIRST_WAIT_MS;
    } else {
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    }
    schedule();
  };
  const onVisibility = () => {
    if (document.hidden) return clearTimeout(timer);
    wait = FIRST_WAIT_MS;
    void check();
  };
  document.addEventListener('visibilitychange', onVisibility);
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
