import type { Kernel } from '../../kernel/kernel';
import type { Etcd } from '../../store';
import type { ServiceAllocators } from '../allocators';
import type { OpenApi } from '../openapi';
import type { ResourceInfo } from '../resources';
import type { ObjectStorage } from '../storage';
import type { ApiRequest, UserInfo } from '../types';

/** Everything a handler needs to serve one request on one resource. */
export interface RequestScope {
  readonly kernel: Kernel;
  readonly etcd: Etcd;
  readonly storage: ObjectStorage;
  /** The server's OpenAPI schemas: strategic-merge metadata and decoding checks come from them. */
  readonly openapi: OpenApi;
  /** ClusterIP and NodePort allocation for Services. */
  readonly services: ServiceAllocators;
  /** The apiserver's component id. */
  readonly server: string;
  readonly req: ApiRequest;
  readonly user: UserInfo;
  readonly resource: ResourceInfo;
  readonly namespace: string | null;
  readonly name: string | null;
  readonly subresource: string | null;
  /** The trace step of the incoming request: the cause of everything done for it. */
  readonly step: number;
  /** Records a stage of the request pipeline (authentication, admission...) as a trace step. */
  stage(summary: string, detail?: Record<string, string | number | boolean>): number;
}

/** The result of a handler: an HTTP status, a JSON body, and any warnings for the client. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Sent as `Warning` headers, e.g. `unknown field "spec.bogus"` under fieldValidation=Warn. */
  readonly warnings?: readonly string[];
}
