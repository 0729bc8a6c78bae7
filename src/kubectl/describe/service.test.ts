import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { formatEndpointSlices } from './service';

const slice = (ports: EndpointSlice['ports'], ...endpoints: [string, boolean?][]): EndpointSlice => ({
  addressType: 'IPv4',
  ports,
  endpoints: endpoints.map(([address, ready]) => ({ addresses: [address], conditions: { ready } })),
});

describe('formatEndpointSlices', () => {
  it('lists ready endpoints of the named port, at most three', () => {
    const slices = [
      slice(
        [
          { name: 'http', port: 80 },
          { name: 'metrics', port: 9090 },
        ],
        ['10.0.0.1', true],
        ['10.0.0.2', false],
      ),
      slice([{ name: 'http', port: 80 }], ['10.0.0.3'], ['fd00::4', true], ['10.0.0.5', true]),
    ];
    expect(formatEndpointSlices(slices, new Set(['http']))).toBe(
      '10.0.0.1:80,10.0.0.3:80,[fd00::4]:80 + 1 more...',
    );
    expect(formatEndpointSlices(slices, new Set(['metrics']))).toBe('10.0.0.1:9090');
  });

  it('lists bare addresses for slices without ports, nothing when none is ready, <none> without slices', () => {
    expect(formatEndpointSlices([slice([], ['10.0.0.1'], ['10.0.0.2'])], new Set(['']))).toBe(
      '10.0.0.1,10.0.0.2',
    );
    expect(formatEndpointSlices([slice([{ name: '', port: 80 }], ['10.0.0.1', false])], new Set(['']))).toBe(
      '',
    );
    expect(formatEndpointSlices([], new Set(['']))).toBe('<none>');
  });
});
