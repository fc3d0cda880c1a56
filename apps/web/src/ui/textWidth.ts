/**
 * About how wide one character of the dashboard's small text is (11–13 px system-ui), px: a
 * guess, good enough to tell what fits in a column without measuring the text in the browser.
 */
export const CHAR_WIDTH = 7;
