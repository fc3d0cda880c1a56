/** A reader of deploy/Dockerfile and the .dockerignore, for the checks Docker cannot run here. */

export interface Instruction {
  keyword: string;
  /** The rest of the line, continuations joined. */
  text: string;
}

export interface Stage {
  name: string | undefined;
  /** The image it starts from, with ARG defaults substituted. */
  base: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs before the first FROM, with their defaults. */
  args: Record<string, string>;
  stages: Stage[];
}

/** Instructions joined across `\` continuations, without comments and blank lines. */
export function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (pending !== '' && line.startsWith('#')) continue;
    pending += `${pending === '' ? '' : ' '}${line.replace(/\\$/, '').trim()}`;
    if (line.endsWith('\\')) continue;
    const [keyword = '', ...rest] = pending.split(/\s+/);
    result.push({ keyword: keyword.toUpperCase(), text: rest.join(' ') });
    pending = '';
  }
  if (pending !== '') throw new Error('the Dockerfile ends inside a continued line');
  return result;
}

const substitute = (text: string, args: Record<string, string>): string =>
  text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    return args[name] ?? whole;
  });

export function parseDockerfile(text: string): Dockerfile {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions(text)) {
    if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.text.split(/\s+/);
      if (as !== undefined && as.toUpperCase() !== 'AS')
        throw new Error(`FROM ${instruction.text}`);
      stages.push({ name, base: substitute(image, args), instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage) stage.instructions.push(instruction);
    else if (instruction.keyword === 'ARG') {
      const [name = '', value = ''] = instruction.text.split('=');
      args[name] = value;
    } else throw new Error(`${instruction.keyword} before the first FROM`);
  }
  return { args, stages };
}

/** The JSON array of an exec-form ENTRYPOINT/CMD/RUN; undefined for the shell form. */
export function execForm(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === 'string')
      ? (value as string[])
      : undefined;
  } catch {
    return undefined;
  }
}

/** `ENV A=1 B=2` (unquoted values, the form deploy/Dockerfile uses). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, text } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const pair of text.split(/\s+/)) {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new Error(`ENV ${text}: use NAME=value pairs`);
      env[pair.slice(0, equals)] = pair.slice(equals + 1);
    }
  }
  return env;
}

/** COPY/ADD as flags (`--from`, `--chown`, …), sources and destination. */
export function copyOf(text: string): {
  flags: Record<string, string>;
  sources: string[];
  destination: string;
} {
  const words = execForm(text) ?? text.split(/\s+/);
  const flags: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [name = '', value = ''] = (words.shift() ?? '').slice(2).split('=');
    flags[name] = value;
  }
  const destination = words.pop();
  if (destination === undefined || words.length === 0) throw new Error(`COPY ${text}`);
  return { flags, sources: words, destination };
}

function patternRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (pattern.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (pattern.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether the .dockerignore `patterns` keep `path` (relative, with /) out of the context: the last
 * matching pattern wins, `!` re-includes, and a pattern that matches a directory excludes what
 * is inside it.
 */
export function ignoredBy(patterns: readonly string[], path: string): boolean {
  const rules = patterns
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      return { negated, regex: patternRegex(pattern) };
    });
  const parts = path.split('/');
  const prefixes = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.regex.test(prefix))) ignored = !rule.negated;
  }
  return ignored;
}
