/** Set once the first visit's welcome was closed: later visits open on the work. */
export const WELCOMED_KEY = 'sg-lab.welcomed';
