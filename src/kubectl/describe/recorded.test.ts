/**
 * Replays describes recorded against the simulated cluster: each file holds an object, the
 * API answers the describer got, the moment it ran, and the text real kubectl v1.32
 * printed for the same object at that moment (which the describer matched). No server or
 * kubectl needed: these pin the describers' output in plain unit tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe as suite, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/apiserver/types';
import { describe, type DescribeContext } from './index';

interface Recorded {
  readonly kubectl: string[];
  readonly now: number;
  readonly object: KubeObject;
  readonly requests: {
    path: string;
    query?: Record<string, string>;
    items?: KubeObject[];
    object?: KubeObject | null;
  }[];
  readonly expected: string;
}

const DIR = path.join(import.meta.dirname, 'testdata/recorded');

/** A context answering exactly the requests that were recorded, and failing on any other. */
function replay(recorded: Recorded): DescribeContext {
  const find = (apiPath: string, query: Record<string, string> = {}) => {
    const answer = recorded.requests.find(
      (r) => r.path === apiPath && JSON.stringify(r.query ?? {}) === JSON.stringify(query),
    );
    if (!answer) throw new Error(`unrecorded request ${apiPath} ${JSON.stringify(query)}`);
    return answer;
  };
  return {
    now: recorded.now,
    list: async (apiPath, query) => find(apiPath, { ...query }).items ?? [],
    get: async (apiPath) => find(apiPath).object ?? null,
  };
}

suite('describers replay what real kubectl printed', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it.each(files)('%s', async (file) => {
    const recorded = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as Recorded;
    expect(await describe(recorded.object, replay(recorded))).toBe(recorded.expected);
  });
});
