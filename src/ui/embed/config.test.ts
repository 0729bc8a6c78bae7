import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedOrigins, isOrigin, loadConfig, MAX_ORIGINS, parseConfig } from './config';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('isOrigin', () => {
  it.each([
    ['https://course.example.org', true],
    ['http://127.0.0.1:8080', true],
    ['http://localhost:5173', true],
    ['https://course.example.org/', false],
    ['https://course.example.org/lab', false],
    ['https://Course.example.org', false],
    ['https://course.example.org:443', false],
    ['course.example.org', false],
    ['*', false],
    ['null', false],
    ['', false],
  ])('%j: %s', (text, expected) => {
    expect(isOrigin(text)).toBe(expected);
  });
});

describe('parseConfig', () => {
  it.each([
    [{}, [], 0],
    [{ allowedOrigins: [] }, [], 0],
    [
      { allowedOrigins: ['https://a.example', 'http://b.example:8080'] },
      ['https://a.example', 'http://b.example:8080'],
      0,
    ],
    [{ allowedOrigins: ['https://a.example', 'https://b.example/', '*', 42] }, ['https://a.example'], 3],
    [{ allowedOrigins: 'https://a.example' }, [], 1],
    [{ allowedOrigins: Array(MAX_ORIGINS + 1).fill('https://a.example') }, [], 1],
    [['https://a.example'], [], 1],
    [null, [], 1],
  ])('%j allows %j', (value, origins, problems) => {
    const parsed = parseConfig(value);
    expect(parsed.config.allowedOrigins).toEqual(origins);
    expect(parsed.problems).toHaveLength(problems);
  });

  it('names the entry at fault and shows the form it wants', () => {
    expect(parseConfig({ allowedOrigins: ['https://b.example/'] }).problems[0]).toMatch(
      /"https:\/\/b.example\/" is not an origin such as "https:\/\/course.example.org".*no trailing slash/,
    );
  });
});

describe('loadConfig', () => {
  const answer = (status: number, body: string) => vi.fn(async () => new Response(body, { status }));

  it('reads the file beside the page, past the HTTP cache', async () => {
    const get = answer(200, '{"allowedOrigins":["https://a.example"]}');
    const config = await loadConfig('https://lab.example/course/lab/?lesson=01-tour', get);
    expect(config.allowedOrigins).toEqual(['https://a.example']);
    expect(get).toHaveBeenCalledWith(new URL('https://lab.example/course/lab/kubelab.config.json'), {
      cache: 'no-cache',
    });
  });

  it.each([
    ['a missing file', answer(404, 'not found'), false],
    ['a server error', answer(500, 'oops'), true],
    ['broken JSON', answer(200, '{"allowedOrigins": [}'), true],
    ['no network', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))), true],
  ])('falls back to the lab’s own origin on %s', async (_what, get, warns) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await loadConfig('https://lab.example/', get)).toEqual({ allowedOrigins: [] });
    expect(warn).toHaveBeenCalledTimes(warns ? 1 : 0);
  });

  it('warns about each entry it leaves out', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const config = await loadConfig(
      'https://lab.example/',
      answer(200, '{"allowedOrigins":["https://a.example","a.example"]}'),
    );
    expect(config.allowedOrigins).toEqual(['https://a.example']);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/kubelab.config.json: allowedOrigins: "a.example"/),
    );
  });
});

describe('allowedOrigins', () => {
  it('always allows the lab’s own origin', () => {
    expect([...allowedOrigins({ allowedOrigins: ['https://a.example'] }, 'https://lab.example')]).toEqual([
      'https://lab.example',
      'https://a.example',
    ]);
  });

  it('does not take an opaque origin for the lab’s own', () => {
    expect([...allowedOrigins({ allowedOrigins: [] }, 'null')]).toEqual([]);
  });
});
