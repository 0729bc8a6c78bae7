import { describe, expect, it } from 'vitest';
import { Expectations, EXPECTATIONS_TIMEOUT_MS } from './expectations';

describe('expectations', () => {
  it('are satisfied when none were set, and once every create is observed', () => {
    let now = 0;
    const e = new Expectations(() => now);
    expect(e.satisfied('ns/rs')).toBe(true);
    e.expectCreations('ns/rs', 2);
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.get('ns/rs')).toEqual({ add: 1, del: 0 });
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(true);
    now = 1;
    expect(e.satisfied('ns/rs')).toBe(true);
  });

  it('count each expected deletion once, by pod key, and ignore others', () => {
    const e = new Expectations(() => 0);
    e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    e.deletionObserved('ns/rs', 'ns/other');
    e.deletionObserved('ns/rs', 'ns/a');
    // A graceful deletion is observed twice: deletionTimestamp set, then the object gone.
    e.deletionObserved('ns/rs', 'ns/a');
    expect(e.get('ns/rs')).toEqual({ add: 0, del: 1 });
    expect(e.satisfied('ns/rs')).toBe(false);
    e.deletionObserved('ns/rs', 'ns/b');
    expect(e.satisfied('ns/rs')).toBe(true);
  });

  it('expire after five minutes, and are forgotten with their controller', () => {
    let now = 0;
    const e = new Expectations(() => now);
    e.expectCreations('ns/rs', 3);
    now = EXPECTATIONS_TIMEOUT_MS;
    expect(e.satisfied('ns/rs')).toBe(false);
    now = EXPECTATIONS_TIMEOUT_MS + 1;
    expect(e.satisfied('ns/rs')).toBe(true);
    e.delete('ns/rs');
    expect(e.get('ns/rs')).toBeUndefined();
    e.creationObserved('ns/rs');
    expect(e.get('ns/rs')).toBeUndefined();
  });
});
