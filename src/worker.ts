import { runProcess } from './compose/run-process.js';

/** npm run worker: the jobs and the notification sender, with a /health of its own. */
runProcess('worker');
