/**
 * Kubelab's teaching images: small Go-style HTTP servers on port 8080 that misbehave on purpose,
 * each tuned with environment variables. All answer `GET /`, `/healthz` and `/ready` with `ok`
 * (404 `404 page not found` otherwise, as Go's net/http says) and log each request to stdout.
 *
 * - `kubelab/crasher`: serves, then exits with EXIT_CODE (default 1) CRASH_AFTER seconds after
 *   start (default 10): restarts, back-off and CrashLoopBackOff.
 * - `kubelab/slow-start`: listens only STARTUP_DELAY seconds after start (default 30): what a
 *   readiness or startup probe is for, and what a too-eager liveness probe does.
 * - `kubelab/leaky`: serves while leaking LEAK_RATE of memory a second (a quantity, default
 *   `1Mi`; the leak itself is its workload in cri/workloads.ts) until its limit OOM-kills it.
 */
import { byteLength, httpDate, pathOnly, response, slashTime } from './http';
import {
  linesAt,
  type Answer,
  type Exchange,
  type ServerBehaviour,
  type ServerContext,
  type ServerRun,
} from './server';

/** The port every teaching image serves on. */
export const TEACHING_PORT = 8080;

/** A non-negative number of seconds from an env var, else the default. */
function seconds(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

function answer(exchange: Exchange): Answer {
  const { request, wallMs } = exchange;
  const found = ['/', '/healthz', '/ready'].includes(pathOnly(request));
  const body = found ? 'ok\n' : '404 page not found\n';
  const res = response(
    found ? 200 : 404,
    [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ...(found ? [] : ([['X-Content-Type-Options', 'nosniff']] as const)),
      ['Date', httpDate(wallMs)],
      ['Content-Length', String(byteLength(body))],
    ],
    request.method === 'HEAD' ? '' : body,
  );
  const text = `${slashTime(wallMs)} ${exchange.clientIP}:${exchange.clientPort} ${request.method} ${request.path} ${res.status}`;
  return { response: res, raw: '', log: [{ stream: 'stdout', text }] };
}

const listening = (afterMs: number) => [{ port: TEACHING_PORT, protocol: 'TCP' as const, afterMs }];

function crasher(ctx: ServerContext): ServerRun {
  const after = seconds(ctx.env['CRASH_AFTER'], 10);
  const code = Math.trunc(seconds(ctx.env['EXIT_CODE'], 1)) & 255;
  return {
    output: [
      ...linesAt(0, 'stdout', [
        `${slashTime(ctx.wallMs)} listening on :${TEACHING_PORT}`,
        `${slashTime(ctx.wallMs)} crashing in ${after}s (CRASH_AFTER), exit code ${code} (EXIT_CODE)`,
      ]),
      ...linesAt(after * 1000, 'stderr', [
        `${slashTime(ctx.wallMs + after * 1000)} crash: exiting with code ${code}`,
      ]),
    ],
    listens: listening(0),
    exit: { code, afterMs: after * 1000 },
  };
}

function slowStart(ctx: ServerContext): ServerRun {
  const delay = seconds(ctx.env['STARTUP_DELAY'], 30) * 1000;
  return {
    output: [
      ...linesAt(0, 'stdout', [`${slashTime(ctx.wallMs)} warming up for ${delay / 1000}s (STARTUP_DELAY)`]),
      ...linesAt(delay, 'stdout', [`${slashTime(ctx.wallMs + delay)} ready, listening on :${TEACHING_PORT}`]),
    ],
    listens: listening(delay),
  };
}

function leaky(ctx: ServerContext): ServerRun {
  const rate = ctx.env['LEAK_RATE'] ?? '1Mi';
  return {
    output: linesAt(0, 'stdout', [
      `${slashTime(ctx.wallMs)} listening on :${TEACHING_PORT}`,
      `${slashTime(ctx.wallMs)} leaking ${rate} a second (LEAK_RATE)`,
    ]),
    listens: listening(0),
  };
}

const teaching = (binary: string, start: (ctx: ServerContext) => ServerRun): ServerBehaviour => ({
  binaries: [binary],
  start,
  answer,
});

export const CRASHER = teaching('crasher', crasher);
export const SLOW_START = teaching('slow-start', slowStart);
export const LEAKY = teaching('leaky', leaky);
