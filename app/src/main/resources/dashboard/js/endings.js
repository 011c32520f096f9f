// Being built (issue 16): for now the page signs in and says so.
import { say } from './dom.js';
import { start } from './layout.js';

await start();
say('This page is not finished yet.');
