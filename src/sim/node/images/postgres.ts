/**
 * docker.io/library/postgres (17): the entrypoint refuses to initialise a database without
 * POSTGRES_PASSWORD (unless POSTGRES_HOST_AUTH_METHOD=trust) and exits 1 with its error on
 * stderr. Otherwise it runs initdb, a temporary server to run init scripts, then the real
 * server, which listens on 5432 about three seconds after start. It speaks the PostgreSQL wire
 * protocol: an HTTP request reads as a startup packet of absurd length, logged and dropped.
 */
import {
  linesAt,
  type Answer,
  type Exchange,
  type ServerBehaviour,
  type ServerContext,
  type ServerRun,
} from './server';

export const POSTGRES_VERSION = '17.2';

/** The entrypoint's error when no password is set (docker_verify_minimum_env). */
export const MISSING_PASSWORD_ERROR = [
  'Error: Database is uninitialized and superuser password is not specified.',
  '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
  '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
  '',
  '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
  '       connections without a password. This is *not* recommended.',
  '',
  '       See PostgreSQL documentation about "trust":',
  '       https://www.postgresql.org/docs/current/auth-trust.html',
];

/** When the real server listens, in ms after the container started. */
export const POSTGRES_READY_MS = 3200;

/** `2025-01-01 00:00:05.123 UTC`: postgres's log_line_prefix time. */
function pgTime(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

function initdb(): readonly string[] {
  return [
    'The files belonging to this database system will be owned by user "postgres".',
    'This user must also own the server process.',
    '',
    'The database cluster will be initialized with locale "en_US.utf8".',
    'The default database encoding has accordingly been set to "UTF8".',
    'The default text search configuration will be set to "english".',
    '',
    'Data page checksums are disabled.',
    '',
    'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
    'creating subdirectories ... ok',
    'selecting dynamic shared memory implementation ... posix',
    'selecting default "max_connections" ... 100',
    'selecting default "shared_buffers" ... 128MB',
    'selecting default time zone ... Etc/UTC',
    'creating configuration files ... ok',
    'running bootstrap script ... ok',
    'performing post-bootstrap initialization ... ok',
    'syncing data to disk ... ok',
    '',
    '',
    'Success. You can now start the database server using:',
    '',
    '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
    '',
  ];
}

/** A server's start-up log lines (pid `pid`, the startup process `startup`), at `ms`. */
function serverStart(ms: number, pid: number, startup: number, tcp: boolean): readonly string[] {
  const at = (offset: number, who: number, text: string) => `${pgTime(ms + offset)} [${who}] LOG:  ${text}`;
  return [
    at(
      0,
      pid,
      `starting PostgreSQL ${POSTGRES_VERSION} (Debian ${POSTGRES_VERSION}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
    ),
    ...(tcp
      ? [
          at(1, pid, 'listening on IPv4 address "0.0.0.0", port 5432'),
          at(1, pid, 'listening on IPv6 address "::", port 5432'),
        ]
      : []),
    at(2, pid, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
    at(6, startup, `database system was shut down at ${pgTime(ms - 400).slice(0, 19)} UTC`),
    at(9, pid, 'database system is ready to accept connections'),
  ];
}

function start(ctx: ServerContext): ServerRun {
  const { env, wallMs } = ctx;
  if ((env['POSTGRES_PASSWORD'] ?? '') === '' && env['POSTGRES_HOST_AUTH_METHOD'] !== 'trust') {
    return {
      output: linesAt(0, 'stderr', MISSING_PASSWORD_ERROR),
      listens: [],
      exit: { code: 1, afterMs: 60 },
    };
  }
  const temp = 1500;
  return {
    output: [
      ...linesAt(0, 'stdout', initdb()),
      ...linesAt(1400, 'stderr', [
        'initdb: warning: enabling "trust" authentication for local connections',
        'initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.',
      ]),
      ...linesAt(temp, 'stderr', serverStart(wallMs + temp, 48, 51, false)),
      ...linesAt(temp + 100, 'stdout', [
        'waiting for server to start.... done',
        'server started',
        '',
        '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*',
        '',
      ]),
      ...linesAt(temp + 200, 'stderr', [
        `${pgTime(wallMs + temp + 200)} [48] LOG:  received fast shutdown request`,
        `${pgTime(wallMs + temp + 201)} [48] LOG:  aborting any active transactions`,
        `${pgTime(wallMs + temp + 203)} [48] LOG:  background worker "logical replication launcher" (PID 54) exited with exit code 1`,
        `${pgTime(wallMs + temp + 204)} [49] LOG:  shutting down`,
        `${pgTime(wallMs + temp + 205)} [49] LOG:  checkpoint starting: shutdown immediate`,
        `${pgTime(wallMs + temp + 290)} [48] LOG:  database system is shut down`,
      ]),
      ...linesAt(temp + 300, 'stdout', [
        'waiting for server to shut down.... done',
        'server stopped',
        '',
        'PostgreSQL init process complete; ready for start up.',
        '',
      ]),
      ...linesAt(POSTGRES_READY_MS, 'stderr', serverStart(wallMs + POSTGRES_READY_MS, 1, 63, true)),
    ],
    listens: [{ port: 5432, protocol: 'TCP', afterMs: POSTGRES_READY_MS }],
  };
}

function answer(exchange: Exchange): Answer {
  const text = `${pgTime(exchange.wallMs)} [${100 + exchange.connection}] LOG:  invalid length of startup packet`;
  return { response: null, raw: '', log: [{ stream: 'stderr', text }] };
}

export const postgres: ServerBehaviour = {
  binaries: ['postgres', 'docker-entrypoint.sh'],
  start,
  answer,
};
