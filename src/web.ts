import { runProcess } from './compose/run-process.js';

/** npm run start:web: the webhook and HTTP only; jobs are added for the workers, none run here. */
runProcess('web');
