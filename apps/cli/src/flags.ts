import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIP } from 'node:net';
import { issueRule } from '@slicescope/contract';
import { MAX_MAX_ENDPOINTS_PER_SLICE, MIN_MAX_ENDPOINTS_PER_SLICE } from '@slicescope/core';
import { z } from 'zod';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

export type ParsedArgs =
  | {
      ok: true;
      values: Record<string, string | boolean | (string | boolean)[] | undefined>;
      positionals: string[];
    }
  | { ok: false; error: string };

/**
 * `--pods -1` means the value -1: parseArgs would call it ambiguous (a dash could start the next
 * flag), but no flag starts with a digit, so a dash and a digit after a flag that takes a value
 * is that value, and the flag's own check can say what is wrong with it.
 */
function joinNegativeNumbers(args: readonly string[], options: FlagOptions): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const option = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** parseArgs's complaint as one line that starts with the flag it is about. */
function argsError(error: Error & { code?: string }): string {
  const flag = /'(--?[A-Za-z0-9-]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${flag}: not an option of this command`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${/'([^']*)'/.exec(error.message)?.[1] ?? 'argument'}: this command takes options only`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(error.message)) return `${flag}: takes no value`;
      if (/ambiguous/.test(error.message)) {
        return `${flag}: needs a value (to give one that starts with "-", write ${flag}=…)`;
      }
      return `${flag}: needs a value`;
    default:
      return error.message.split('\n').join(' ');
  }
}

type ArgToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * A flag given twice that takes one value (`--pods 5 --pods 6`): parseArgs would keep the last,
 * silently, where one of the two is surely a mistake. Flags declared `multiple` may repeat.
 */
function repeatedFlag(tokens: readonly ArgToken[], options: FlagOptions): string | undefined {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple === true) continue;
    if (seen.has(token.name)) {
      const values = [seen.get(token.name), token.value].filter((value) => value !== undefined);
      const given = values.length === 2 ? ` (got ${values.join(', then ')})` : '';
      return `--${token.name}: given more than once${given}`;
    }
    seen.set(token.name, token.value);
  }
  return undefined;
}

/**
 * A command's flags read by node:util parseArgs (strict); a problem is one line naming the flag,
 * a flag given twice among them.
 */
export function parseFlags(
  args: readonly string[],
  options: FlagOptions,
  allowPositionals = false,
): ParsedArgs {
  try {
    const { values, positionals, tokens } = parseArgs({
      args: joinNegativeNumbers(args, options),
      options,
      strict: true,
      allowPositionals,
      tokens: true,
    });
    const repeated = repeatedFlag(tokens, options);
    if (repeated !== undefined) return { ok: false, error: repeated };
    return { ok: true, values, positionals };
  } catch (error) {
    return { ok: false, error: argsError(error as Error & { code?: string }) };
  }
}

/**
 * The first problem zod found in a command's flags, as `--flag: rule (got value)`; `values` are
 * the flags as given, for the value.
 */
export function flagIssue(error: z.ZodError, values: Readonly<Record<string, unknown>>): string {
  const [issue] = error.issues;
  if (issue === undefined) return 'invalid flags';
  const name = issue.path[0];
  if (name === undefined) return issueRule(issue);
  const given = values[String(name)];
  const got = typeof given === 'string' ? ` (got ${given})` : '';
  return `--${String(name)}: ${issueRule(issue)}${got}`;
}

/**
 * `--host`: an IP address (v4 or v6) or a host name. Dotted digits that are no IPv4 address
 * (999.1.1.1) are refused here rather than looked up as a name.
 */
/** `--max-endpoints-per-slice N`: the controller's flag, 1..1000 (serve and reconcile). */
export const maxEndpointsPerSliceFlagSchema = z.coerce
  .number()
  .int()
  .min(MIN_MAX_ENDPOINTS_PER_SLICE)
  .max(MAX_MAX_ENDPOINTS_PER_SLICE);

export const hostFlagSchema = z
  .string()
  .refine(
    (host) => isIP(host) !== 0 || (!/^[\d.]+$/.test(host) && /^[A-Za-z0-9.-]+$/.test(host)),
    'must be an IP address or a host name',
  );
