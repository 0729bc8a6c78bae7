/**
 * The messages clients print for a failed connection, for the wget and curl the simulated
 * images run: busybox 1.36 wget and curl 8.
 */
import type { ConnectResult } from './path';

/**
 * busybox wget's error line; `timeoutOption` is whether `-T` was given (then a timed-out
 * connection reports "download timed out" instead of the connect error).
 */
export function wgetError(result: ConnectResult, timeoutOption = false): string | null {
  const where = `can't connect to remote host (${result.address ?? ''})`;
  switch (result.error) {
    case null:
      return null;
    case 'bad-address':
      return `wget: bad address '${result.host}'`;
    case 'refused':
      return `wget: ${where}: Connection refused`;
    case 'timeout':
      return timeoutOption ? 'wget: download timed out' : `wget: ${where}: Connection timed out`;
    case 'no-route':
      return `wget: ${where}: No route to host`;
  }
}

/** curl's error line after `elapsedMs` of trying. */
export function curlError(result: ConnectResult, elapsedMs: number): string | null {
  const failed = `Failed to connect to ${result.host} port ${result.port} after ${elapsedMs} ms`;
  switch (result.error) {
    case null:
      return null;
    case 'bad-address':
      return `curl: (6) Could not resolve host: ${result.host}`;
    case 'refused':
    case 'no-route':
      return `curl: (7) ${failed}: Couldn't connect to server`;
    case 'timeout':
      return `curl: (28) ${failed}: Couldn't connect to server`;
  }
}
