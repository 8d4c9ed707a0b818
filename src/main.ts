import { runProcess } from './compose/run-process.js';

/** npm start: everything in one process — on embedded defaults when nothing is configured. */
runProcess('all');
