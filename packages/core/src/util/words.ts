/** `1 endpoint`, `3 endpoints`, `1,400 endpoints`: a count and its noun, agreeing. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}
