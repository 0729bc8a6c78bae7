/** The version this kubectl says it is: kubectl v1.32.4 (and the kustomize built into it). */

/** A version.Info as `/version` and `kubectl version` report it. */
export interface VersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

/** kubectl v1.32.4's client version. */
export const CLIENT_VERSION: VersionInfo = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:03:34Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** The kustomize version kubectl v1.32 embeds. */
export const KUSTOMIZE_VERSION = 'v5.5.0';
