import { EXIT_FAILED, EXIT_USAGE } from './io.ts';

/**
 * Why a server could not listen, said as the flag to change: an address that is not this
 * machine's is bad input (exit 2); a port in use or reserved is the machine's state (exit 1).
 */
export function listenError(
  error: NodeJS.ErrnoException,
  host: string,
  port: number,
): { message: string; exitCode: number } {
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EADDRNOTAVAIL':
      return {
        message: `--host: cannot listen on ${host}: not an address of this machine (${error.code})`,
        exitCode: EXIT_USAGE,
      };
    case 'EADDRINUSE':
      return {
        message: `--port: ${port} on ${host} is in use by another program (0 picks a free port)`,
        exitCode: EXIT_FAILED,
      };
    case 'EACCES':
      return {
        message: `--port: listening on ${port} needs privileges this process does not have (pick one above 1023)`,
        exitCode: EXIT_FAILED,
      };
    default:
      return {
        message: `cannot listen on ${host}:${port}: ${error.message}`,
        exitCode: EXIT_FAILED,
      };
  }
}
