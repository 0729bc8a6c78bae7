import { describe, expect, it } from 'vitest';
import { resolveImage } from '../images/reference';
import { CONTAINERD, CRIO, type RuntimeFlavour } from './flavour';
import { unknownHandler } from './handlers';

const failedPull = (flavour: RuntimeFlavour, image: string) => {
  const resolved = resolveImage(image);
  if (resolved.error === undefined) throw new Error(`${image} pulls`);
  return flavour.pullError({ image, ...resolved, error: resolved.error });
};

describe('runtime flavours', () => {
  it.each([
    [
      CONTAINERD,
      'nginx:nonexistent',
      'NotFound',
      'failed to pull and unpack image "docker.io/library/nginx:nonexistent": failed to resolve reference "docker.io/library/nginx:nonexistent": docker.io/library/nginx:nonexistent: not found',
    ],
    [
      CONTAINERD,
      'doesnotexist/app',
      'Unknown',
      'failed to pull and unpack image "docker.io/doesnotexist/app:latest": failed to resolve reference "docker.io/doesnotexist/app:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ],
    [
      CONTAINERD,
      'Not A Name',
      'Unknown',
      'failed to pull and unpack image "Not A Name": invalid reference format',
    ],
    [
      CRIO,
      'nginx:nonexistent',
      'Unknown',
      'initializing source docker://docker.io/library/nginx:nonexistent: reading manifest nonexistent in docker.io/library/nginx: manifest unknown',
    ],
    [
      CRIO,
      'doesnotexist/app',
      'Unknown',
      'initializing source docker://docker.io/doesnotexist/app:latest: reading manifest latest in docker.io/doesnotexist/app: requested access to the resource is denied',
    ],
    [CRIO, 'Not A Name', 'Unknown', 'cannot parse input: "Not A Name": invalid reference format'],
  ])('%s words a refused pull of %s', (flavour, image, code, desc) => {
    expect(failedPull(flavour, image)).toEqual({ code, desc });
  });

  it.each([
    [CONTAINERD, 'runc', null],
    [CONTAINERD, 'test-handler', null],
    [CONTAINERD, '', null],
    [
      CONTAINERD,
      'crun',
      'rpc error: code = Unknown desc = failed to get sandbox runtime: no runtime for "crun" is configured',
    ],
    [CRIO, 'crun', null],
    [CRIO, 'runc', null],
    [
      CRIO,
      'test-handler',
      'rpc error: code = Unknown desc = failed to find runtime handler test-handler from runtime list map[crun:0xc0004a6000 runc:0xc0004a6140]',
    ],
  ])('%s with handler %j: %s', (flavour, handler, error) => {
    expect(unknownHandler(flavour, handler)).toBe(error);
  });

  it('names the runtime the way the node and pod status show it', () => {
    expect([CONTAINERD.nodeRuntimeVersion, CRIO.nodeRuntimeVersion]).toEqual([
      'containerd://1.7.24',
      'cri-o://1.32.4',
    ]);
    expect([CONTAINERD.oci, CRIO.oci]).toEqual(['runc', 'crun']);
  });
});
