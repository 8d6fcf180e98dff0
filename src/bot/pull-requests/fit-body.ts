/** The report's body cut (one implementation for the CLI's and the App's pull requests). */
export { fitBody } from '../../report/fit-body.js';
