/**
 * docker.io/library/redis (7.4): redis-server with no config file, logging to stdout, listening
 * on 6379. It speaks RESP, not HTTP: an HTTP request's first line reads as a GET command with
 * the wrong number of arguments, and its `Host:` line makes Redis drop the connection as a
 * cross-protocol attack, which it logs.
 */
import { utcParts } from './http';
import { linesAt, type Answer, type Exchange, type ServerBehaviour, type ServerContext } from './server';

export const REDIS_VERSION = '7.4.1';

/** `01 Jan 2025 00:00:05.000`: Redis's log stamp. */
function redisTime(ms: number): string {
  const { dd, month, year, time } = utcParts(ms);
  return `${dd} ${month} ${year} ${time}.${String(Math.floor(ms % 1000)).padStart(3, '0')}`;
}

function start(ctx: ServerContext) {
  const c = `1:C ${redisTime(ctx.wallMs)}`;
  const m = `1:M ${redisTime(ctx.wallMs + 1)}`;
  return {
    output: linesAt(0, 'stdout', [
      `${c} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`,
      `${c} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `${c} * Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `${c} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `${m} * monotonic clock: POSIX clock_gettime`,
      `${m} * Running mode=standalone, port=6379.`,
      `${m} * Server initialized`,
      `${m} * Ready to accept connections tcp`,
    ]),
    listens: [{ port: 6379, protocol: 'TCP' as const, afterMs: 0 }],
  };
}

function answer(exchange: Exchange): Answer {
  const { method, path } = exchange.request;
  const command = method.toLowerCase();
  const reply =
    command === 'post'
      ? ''
      : `-ERR unknown command '${method}', with args beginning with: '${path}' 'HTTP/1.1' \r\n`;
  const text = `1:M ${redisTime(exchange.wallMs)} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from ${exchange.clientIP}:${exchange.clientPort} aborted.`;
  return {
    response: null,
    raw: command === 'get' ? "-ERR wrong number of arguments for 'get' command\r\n" : reply,
    log: [{ stream: 'stdout', text }],
  };
}

export const redis: ServerBehaviour = {
  binaries: ['redis-server', 'docker-entrypoint.sh'],
  start,
  answer,
};
