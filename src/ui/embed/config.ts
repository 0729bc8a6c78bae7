/**
 * Which pages may drive an embedded lab: `kubelab.config.json`, beside the built site's
 * index.html, which a publisher edits in dist/ after building:
 *
 *     { "allowedOrigins": ["https://course.example.org"] }
 *
 * The lab's own origin is always allowed; by default (no file, an empty list, a broken
 * file) it is the only one, so a page elsewhere can show the lab but not drive it.
 */

/** The config file's name, next to index.html. */
export const CONFIG_FILE = 'kubelab.config.json';

/** The most origins a config may list. */
export const MAX_ORIGINS = 100;

/** The publisher's choices. */
export interface EmbedConfig {
  /** The origins (`scheme://host[:port]`) whose pages may post requests and hear events. */
  readonly allowedOrigins: readonly string[];
}

/** Whether `text` is an origin written as browsers write `event.origin`. */
export function isOrigin(text: string): boolean {
  try {
    const { origin } = new URL(text);
    return origin !== 'null' && origin === text;
  } catch {
    return false;
  }
}

/** Reads the config file's JSON; `problems` says what was left out and why. */
export function parseConfig(value: unknown): { config: EmbedConfig; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { config: { allowedOrigins: [] }, problems: [`${CONFIG_FILE} must hold a JSON object`] };
  const listed = (value as { allowedOrigins?: unknown }).allowedOrigins;
  if (listed === undefined) return { config: { allowedOrigins: [] }, problems: [] };
  if (!Array.isArray(listed) || listed.length > MAX_ORIGINS)
    return {
      config: { allowedOrigins: [] },
      problems: [`allowedOrigins must be a list of at most ${MAX_ORIGINS} origins`],
    };
  const problems: string[] = [];
  const allowedOrigins = listed.filter((entry): entry is string => {
    if (typeof entry === 'string' && isOrigin(entry)) return true;
    problems.push(
      `allowedOrigins: ${JSON.stringify(entry)} is not an origin such as "https://course.example.org" ` +
        '(scheme and host, a port if not the default, no path and no trailing slash)',
    );
    return false;
  });
  return { config: { allowedOrigins }, problems };
}

/**
 * Fetches the config from beside the page (`base`, the document's base URL), past the HTTP
 * cache so a publisher's edit counts at once. A missing or broken file gives the default,
 * with a console warning that says what to fix.
 */
export async function loadConfig(base: string, get: typeof fetch = fetch): Promise<EmbedConfig> {
  const url = new URL(CONFIG_FILE, base);
  let value: unknown;
  try {
    const response = await get(url, { cache: 'no-cache' });
    if (response.status === 404) return { allowedOrigins: [] };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    value = await response.json();
  } catch (error) {
    console.warn(
      `kubelab: could not read ${CONFIG_FILE} (${(error as Error).message}); only this site may drive the lab`,
    );
    return { allowedOrigins: [] };
  }
  const { config, problems } = parseConfig(value);
  for (const problem of problems) console.warn(`kubelab: ${CONFIG_FILE}: ${problem}`);
  return config;
}

/** The origins that may drive the lab: its own, and those the config lists. */
export function allowedOrigins(config: EmbedConfig, ownOrigin: string): ReadonlySet<string> {
  return new Set(isOrigin(ownOrigin) ? [ownOrigin, ...config.allowedOrigins] : config.allowedOrigins);
}
