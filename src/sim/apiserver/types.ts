import type { ListMeta, ObjectMeta as ReadonlyObjectMeta, Status } from 'kubernetes-types/meta/v1';

export type { ListMeta, Status };

/** Object metadata, writable: the apiserver fills in server-owned fields as objects pass through. */
export type ObjectMeta = { -readonly [K in keyof ReadonlyObjectMeta]: ReadonlyObjectMeta[K] };

/** Any Kubernetes object as it travels through the API: typed metadata, the rest open. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A list response (`PodList`, `DeploymentList`...). */
export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** Who is making a request, as authentication established it. */
export interface UserInfo {
  readonly username: string;
  readonly groups: readonly string[];
}

/** The HTTP methods the apiserver serves. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API request, whether it comes from the in-page kubectl, a controller, or real kubectl
 * over HTTP. Header names are lower case; the body is text (JSON or YAML): the HTTP layer
 * decodes protobuf before it gets here.
 */
export interface ApiRequest {
  readonly method: HttpMethod;
  /** The path without the query string, e.g. `/api/v1/namespaces/default/pods`. */
  readonly path: string;
  /** Query parameters; a parameter given several times keeps all its values in order. */
  readonly query: Readonly<Record<string, readonly string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The component sending it (a topology id such as `kubectl`), for the trace. */
  readonly client: string;
  /** The trace step that caused this request, if any. */
  readonly causedBy?: number | null;
}

/** A watch event as the API sends it. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: KubeObject | Status;
}

/**
 * An open watch: events arrive through `listener` until the watch ends, each with the id of
 * the trace step that delivered it (so what the client does next can name it as its cause).
 */
export interface WatchStream {
  /** Starts delivery. `onEnd` is called once when the server closes the stream. */
  start(listener: (event: WatchEvent, step: number) => void, onEnd: () => void): void;
  /** Stops the watch from the client's side. */
  close(): void;
}

/** A streamed text body (`kubectl logs -f`): chunks arrive as the kernel runs, until the end. */
export interface TextStream {
  start(onChunk: (text: string) => void, onEnd: () => void): void;
  /** Stops the stream from the client's side. */
  close(): void;
}

/**
 * An upgraded exec or attach connection, with remotecommand's channels: stdin in, stdout and
 * stderr out, and at the end one Status (Success, or Failure with reason NonZeroExitCode).
 */
export interface StreamSession {
  start(output: (stream: 'stdout' | 'stderr', data: string) => void, done: (status: Status) => void): void;
  stdin(data: string): void;
  closeStdin(): void;
  resize(width: number, height: number): void;
  /** The client went away. */
  close(): void;
}

type Headers = Readonly<Record<string, string>>;

/**
 * The answer to an ApiRequest: a JSON body, plain text (logs), a watch stream, a text stream
 * (followed logs), or an upgraded stream session (exec, attach).
 */
export type ApiResponse =
  | { readonly status: number; readonly headers: Headers; readonly body: unknown }
  | { readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly status: 200; readonly headers: Headers; readonly watch: WatchStream }
  | { readonly status: 200; readonly headers: Headers; readonly stream: TextStream }
  | { readonly status: 101; readonly headers: Headers; readonly session: StreamSession };
