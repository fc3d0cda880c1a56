import type { z } from 'zod';

/**
 * A zod issue's rule in the words the rest of slicescope uses ("must be at least 1"), where zod
 * would say its own ("Too small: expected number to be >=1", "expected number, received NaN"); a
 * schema's own message is kept.
 */
export function issueRule(issue: z.core.$ZodIssue): string {
  if (!/^(Invalid input|Too small|Too big)/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'must be a number';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  if (issue.code === 'too_small') return `must be at least ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be at most ${String(issue.maximum)}`;
  return issue.message;
}
