/**
 * kubectl v1.32's command tree and flags, for completion in the in-page terminal. The table
 * is transcribed from the real client: `kubectl <command> --help` (descriptions, flags, and
 * whether a flag takes a value), `kubectl options` (global flags) and `kubectl __complete`
 * (flags a command requires, `get -o` formats); kubectl-commands.test.ts checks it against
 * /usr/bin/kubectl when one is installed.
 */

/** One flag: its long name, its one-letter shorthand, whether it takes a value. */
export interface FlagInfo {
  readonly name: string;
  readonly shorthand: string | null;
  readonly takesValue: boolean;
  /** A list flag (`-f a -f b`), which completion offers again once given. */
  readonly repeatable?: boolean;
}

/** One command, named by its path from the root (`rollout status`). */
export interface CommandInfo {
  readonly path: string;
  /** The one-line description kubectl shows in help and in completion. */
  readonly about: string;
  /** The command's own flags; every command also takes {@link GLOBAL_FLAGS} and `--help`. */
  readonly flags: readonly FlagInfo[];
  /** Flags the command cannot run without, which completion offers before any argument. */
  readonly required: readonly string[];
  /** The values `-o` completes to, where kubectl completes them. */
  readonly outputFormats: readonly string[];
}

/**
 * `path;about;flags;required flags;-o formats`, one command a line. A flag is written
 * `x|name` with its shorthand, `name=` when it takes a value, `name=[]` when it takes a list.
 */
const TABLE = `
annotate;Update the annotations on a resource;all A|all-namespaces allow-missing-template-keys dry-run= field-manager= field-selector= f|filename=[] k|kustomize= list local o|output= overwrite R|recursive resource-version= l|selector= show-managed-fields template=
api-resources;Print the supported API resources on the server;api-group= cached categories=[] namespaced no-headers o|output= sort-by= verbs=[]
api-versions;Print the supported API versions on the server, in the form of "group/version";
apply;Apply a configuration to a resource by file name or stdin;all allow-missing-template-keys cascade= dry-run= field-manager= f|filename=[] force force-conflicts grace-period= k|kustomize= openapi-patch o|output= overwrite prune prune-allowlist=[] R|recursive l|selector= server-side show-managed-fields subresource= template= timeout= validate= wait
apply edit-last-applied;Edit latest last-applied-configuration annotations of a resource/object;allow-missing-template-keys field-manager= f|filename=[] k|kustomize= o|output= R|recursive show-managed-fields template= validate= windows-line-endings
apply set-last-applied;Set the last-applied-configuration annotation on a live object to match the contents of a file;allow-missing-template-keys create-annotation dry-run= f|filename=[] o|output= show-managed-fields template=
apply view-last-applied;View the latest last-applied-configuration annotations of a resource/object;all f|filename=[] k|kustomize= o|output= R|recursive l|selector=
attach;Attach to a running container;c|container= pod-running-timeout= q|quiet i|stdin t|tty
auth;Inspect authorization;
auth can-i;Check whether an action is allowed;A|all-namespaces list no-headers q|quiet subresource=
auth reconcile;Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects;allow-missing-template-keys dry-run= f|filename=[] k|kustomize= o|output= R|recursive remove-extra-permissions remove-extra-subjects show-managed-fields template=
auth whoami;Experimental: Check self subject attributes;allow-missing-template-keys o|output= show-managed-fields template=
autoscale;Auto-scale a deployment, replica set, stateful set, or replication controller;allow-missing-template-keys cpu-percent= dry-run= field-manager= f|filename=[] k|kustomize= max= min= name= o|output= R|recursive save-config show-managed-fields template=;--max
certificate;Modify certificate resources;
certificate approve;Approve a certificate signing request;allow-missing-template-keys f|filename=[] force k|kustomize= o|output= R|recursive show-managed-fields template=
certificate deny;Deny a certificate signing request;allow-missing-template-keys f|filename=[] force k|kustomize= o|output= R|recursive show-managed-fields template=
cluster-info;Display cluster information;
cluster-info dump;Dump relevant information for debugging and diagnosis;A|all-namespaces allow-missing-template-keys namespaces=[] o|output= output-directory= pod-running-timeout= show-managed-fields template=
completion;Output shell completion code for the specified shell (bash, zsh, fish, or powershell);
config;Modify kubeconfig files;
config current-context;Display the current-context;
config delete-cluster;Delete the specified cluster from the kubeconfig;
config delete-context;Delete the specified context from the kubeconfig;
config delete-user;Delete the specified user from the kubeconfig;
config get-clusters;Display clusters defined in the kubeconfig;
config get-contexts;Describe one or many contexts;no-headers o|output=
config get-users;Display users defined in the kubeconfig;
config rename-context;Rename a context from the kubeconfig file;
config set;Set an individual value in a kubeconfig file;set-raw-bytes
config set-cluster;Set a cluster entry in kubeconfig;certificate-authority= embed-certs insecure-skip-tls-verify proxy-url= server= tls-server-name=
config set-context;Set a context entry in kubeconfig;cluster= current namespace= user=
config set-credentials;Set a user entry in kubeconfig;auth-provider= auth-provider-arg=[] client-certificate= client-key= embed-certs exec-api-version= exec-arg=[] exec-command= exec-env=[] exec-interactive-mode= exec-provide-cluster-info password= token= username=
config unset;Unset an individual value in a kubeconfig file;
config use-context;Set the current-context in a kubeconfig file;
config view;Display merged kubeconfig settings or a specified kubeconfig file;allow-missing-template-keys flatten merge minify o|output= raw show-managed-fields template=
cordon;Mark node as unschedulable;dry-run= l|selector=
cp;Copy files and directories to and from containers;c|container= no-preserve retries=
create;Create a resource from a file or from stdin;allow-missing-template-keys dry-run= edit field-manager= f|filename=[] k|kustomize= o|output= raw= R|recursive save-config l|selector= show-managed-fields template= validate= windows-line-endings
create clusterrole;Create a cluster role;aggregation-rule= allow-missing-template-keys dry-run= field-manager= non-resource-url=[] o|output= resource=[] resource-name=[] save-config show-managed-fields template= validate= verb=[]
create clusterrolebinding;Create a cluster role binding for a particular cluster role;allow-missing-template-keys clusterrole= dry-run= field-manager= group=[] o|output= save-config serviceaccount=[] show-managed-fields template= user=[] validate=;--clusterrole
create configmap;Create a config map from a local file, directory or literal value;allow-missing-template-keys append-hash dry-run= field-manager= from-env-file=[] from-file=[] from-literal=[] o|output= save-config show-managed-fields template= validate=
create cronjob;Create a cron job with the specified name;allow-missing-template-keys dry-run= field-manager= image= o|output= restart= save-config schedule= show-managed-fields template= validate=;--image --schedule
create deployment;Create a deployment with the specified name;allow-missing-template-keys dry-run= field-manager= image=[] o|output= port= r|replicas= save-config show-managed-fields template= validate=;--image
create ingress;Create an ingress with the specified name;allow-missing-template-keys annotation=[] class= default-backend= dry-run= field-manager= o|output= rule=[] save-config show-managed-fields template= validate=
create job;Create a job with the specified name;allow-missing-template-keys dry-run= field-manager= from= image= o|output= save-config show-managed-fields template= validate=
create namespace;Create a namespace with the specified name;allow-missing-template-keys dry-run= field-manager= o|output= save-config show-managed-fields template= validate=
create poddisruptionbudget;Create a pod disruption budget with the specified name;allow-missing-template-keys dry-run= field-manager= max-unavailable= min-available= o|output= save-config selector= show-managed-fields template= validate=
create priorityclass;Create a priority class with the specified name;allow-missing-template-keys description= dry-run= field-manager= global-default o|output= preemption-policy= save-config show-managed-fields template= validate= value=
create quota;Create a quota with the specified name;allow-missing-template-keys dry-run= field-manager= hard= o|output= save-config scopes= show-managed-fields template= validate=
create role;Create a role with single rule;allow-missing-template-keys dry-run= field-manager= o|output= resource=[] resource-name=[] save-config show-managed-fields template= validate= verb=[]
create rolebinding;Create a role binding for a particular role or cluster role;allow-missing-template-keys clusterrole= dry-run= field-manager= group=[] o|output= role= save-config serviceaccount=[] show-managed-fields template= user=[] validate=
create secret;Create a secret using a specified subcommand;
create secret docker-registry;Create a secret for use with a Docker registry;allow-missing-template-keys append-hash docker-email= docker-password= docker-server= docker-username= dry-run= field-manager= from-file=[] o|output= save-config show-managed-fields template= validate=
create secret generic;Create a secret from a local file, directory, or literal value;allow-missing-template-keys append-hash dry-run= field-manager= from-env-file=[] from-file=[] from-literal=[] o|output= save-config show-managed-fields template= type= validate=
create secret tls;Create a TLS secret;allow-missing-template-keys append-hash cert= dry-run= field-manager= key= o|output= save-config show-managed-fields template= validate=
create service;Create a service using a specified subcommand;
create service clusterip;Create a ClusterIP service;allow-missing-template-keys clusterip= dry-run= field-manager= o|output= save-config show-managed-fields tcp=[] template= validate=
create service externalname;Create an ExternalName service;allow-missing-template-keys dry-run= external-name= field-manager= o|output= save-config show-managed-fields tcp=[] template= validate=;--external-name
create service loadbalancer;Create a LoadBalancer service;allow-missing-template-keys dry-run= field-manager= o|output= save-config show-managed-fields tcp=[] template= validate=
create service nodeport;Create a NodePort service;allow-missing-template-keys dry-run= field-manager= node-port= o|output= save-config show-managed-fields tcp=[] template= validate=
create serviceaccount;Create a service account with the specified name;allow-missing-template-keys dry-run= field-manager= o|output= save-config show-managed-fields template= validate=
create token;Request a service account token;allow-missing-template-keys audience=[] bound-object-kind= bound-object-name= bound-object-uid= duration= o|output= show-managed-fields template=
debug;Create debugging sessions for troubleshooting workloads and nodes;arguments-only attach c|container= copy-to= custom= env=[] f|filename=[] image= image-pull-policy= keep-annotations keep-init-containers keep-labels keep-liveness keep-readiness keep-startup profile= q|quiet replace same-node set-image=[] share-processes i|stdin target= t|tty
delete;Delete resources by file names, stdin, resources and names, or by resources and label selector;all A|all-namespaces cascade= dry-run= field-selector= f|filename=[] force grace-period= ignore-not-found i|interactive k|kustomize= now o|output= raw= R|recursive l|selector= timeout= wait
describe;Show details of a specific resource or group of resources;A|all-namespaces chunk-size= f|filename=[] k|kustomize= R|recursive l|selector= show-events
diff;Diff the live version against a would-be applied version;concurrency= field-manager= f|filename=[] force-conflicts k|kustomize= prune prune-allowlist=[] R|recursive l|selector= server-side show-managed-fields
drain;Drain node in preparation for maintenance;chunk-size= delete-emptydir-data disable-eviction dry-run= force grace-period= ignore-daemonsets pod-selector= l|selector= skip-wait-for-delete-timeout= timeout=
edit;Edit a resource on the server;allow-missing-template-keys field-manager= f|filename=[] k|kustomize= o|output= output-patch R|recursive save-config show-managed-fields subresource= template= validate= windows-line-endings
events;List events;A|all-namespaces allow-missing-template-keys chunk-size= for= no-headers o|output= show-managed-fields template= types=[] w|watch
exec;Execute a command in a container;c|container= f|filename=[] pod-running-timeout= q|quiet i|stdin t|tty
explain;Get documentation for a resource;api-version= o|output= recursive
expose;Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service;allow-missing-template-keys cluster-ip= dry-run= external-ip= field-manager= f|filename=[] k|kustomize= l|labels= load-balancer-ip= name= o|output= override-type= overrides= port= protocol= R|recursive save-config selector= session-affinity= show-managed-fields target-port= template= type=
get;Display one or many resources;A|all-namespaces allow-missing-template-keys chunk-size= field-selector= f|filename=[] ignore-not-found k|kustomize= L|label-columns=[] no-headers o|output= output-watch-events raw= R|recursive l|selector= server-print show-kind show-labels show-managed-fields sort-by= subresource= template= w|watch watch-only;;json yaml name go-template go-template-file template templatefile jsonpath jsonpath-as-json jsonpath-file custom-columns custom-columns-file wide
help;Help about any command;
kustomize;Build a kustomization target from a directory or URL;as-current-user enable-alpha-plugins enable-helm e|env=[] helm-api-versions=[] helm-command= helm-debug helm-kube-version= load-restrictor= mount=[] network network-name= o|output=
label;Update the labels on a resource;all A|all-namespaces allow-missing-template-keys dry-run= field-manager= field-selector= f|filename=[] k|kustomize= list local o|output= overwrite R|recursive resource-version= l|selector= show-managed-fields template=
logs;Print the logs for a container in a pod;all-containers all-pods c|container= f|follow ignore-errors insecure-skip-tls-verify-backend limit-bytes= max-log-requests= pod-running-timeout= prefix p|previous l|selector= since= since-time= tail= timestamps
options;Print the list of flags inherited by all commands;
patch;Update fields of a resource;allow-missing-template-keys dry-run= field-manager= f|filename=[] k|kustomize= local o|output= p|patch= patch-file= R|recursive show-managed-fields subresource= template= type=
plugin;Provides utilities for interacting with plugins;
plugin list;List all visible plugin executables on a user's PATH;name-only
port-forward;Forward one or more local ports to a pod;address=[] pod-running-timeout=
proxy;Run a proxy to the Kubernetes API server;accept-hosts= accept-paths= address= api-prefix= append-server-path disable-filter keepalive= p|port= reject-methods= reject-paths= u|unix-socket= w|www= P|www-prefix=
replace;Replace a resource by file name or stdin;allow-missing-template-keys cascade= dry-run= field-manager= f|filename=[] force grace-period= k|kustomize= o|output= raw= R|recursive save-config show-managed-fields subresource= template= timeout= validate= wait
rollout;Manage the rollout of a resource;
rollout history;View rollout history;allow-missing-template-keys f|filename=[] k|kustomize= o|output= R|recursive revision= l|selector= show-managed-fields template=
rollout pause;Mark the provided resource as paused;allow-missing-template-keys field-manager= f|filename=[] k|kustomize= o|output= R|recursive l|selector= show-managed-fields template=
rollout restart;Restart a resource;allow-missing-template-keys field-manager= f|filename=[] k|kustomize= o|output= R|recursive l|selector= show-managed-fields template=
rollout resume;Resume a paused resource;allow-missing-template-keys field-manager= f|filename=[] k|kustomize= o|output= R|recursive l|selector= show-managed-fields template=
rollout status;Show the status of the rollout;f|filename=[] k|kustomize= R|recursive revision= l|selector= timeout= w|watch
rollout undo;Undo a previous rollout;allow-missing-template-keys dry-run= f|filename=[] k|kustomize= o|output= R|recursive l|selector= show-managed-fields template= to-revision=
run;Run a particular image on the cluster;allow-missing-template-keys annotations=[] attach cascade= command dry-run= env=[] expose field-manager= f|filename=[] force grace-period= image= image-pull-policy= k|kustomize= l|labels= leave-stdin-open o|output= override-type= overrides= pod-running-timeout= port= privileged q|quiet R|recursive restart= rm save-config show-managed-fields i|stdin template= timeout= t|tty wait;--image
scale;Set a new size for a deployment, replica set, or replication controller;all allow-missing-template-keys current-replicas= dry-run= f|filename=[] k|kustomize= o|output= R|recursive replicas= resource-version= l|selector= show-managed-fields template= timeout=;--replicas
set;Set specific features on objects;
set env;Update environment variables on a pod template;all allow-missing-template-keys c|containers= dry-run= e|env=[] field-manager= f|filename=[] from= keys=[] k|kustomize= list local o|output= overwrite prefix= R|recursive resolve l|selector= show-managed-fields template=
set image;Update the image of a pod template;all allow-missing-template-keys dry-run= field-manager= f|filename=[] k|kustomize= local o|output= R|recursive l|selector= show-managed-fields template=
set resources;Update resource requests/limits on objects with pod templates;all allow-missing-template-keys c|containers= dry-run= field-manager= f|filename=[] k|kustomize= limits= local o|output= R|recursive requests= l|selector= show-managed-fields template=
set selector;Set the selector on a resource;all allow-missing-template-keys dry-run= field-manager= f|filename=[] local o|output= R|recursive resource-version= show-managed-fields template=
set serviceaccount;Update the service account of a resource;all allow-missing-template-keys dry-run= field-manager= f|filename=[] k|kustomize= local o|output= R|recursive show-managed-fields template=
set subject;Update the user, group, or service account in a role binding or cluster role binding;all allow-missing-template-keys dry-run= field-manager= f|filename=[] group=[] k|kustomize= local o|output= R|recursive l|selector= serviceaccount=[] show-managed-fields template= user=[]
taint;Update the taints on one or more nodes;all allow-missing-template-keys dry-run= field-manager= o|output= overwrite l|selector= show-managed-fields template= validate=
top;Display resource (CPU/memory) usage;
top node;Display resource (CPU/memory) usage of nodes;no-headers l|selector= show-capacity sort-by= use-protocol-buffers
top pod;Display resource (CPU/memory) usage of pods;A|all-namespaces containers field-selector= no-headers l|selector= sort-by= sum use-protocol-buffers
uncordon;Mark node as schedulable;dry-run= l|selector=
version;Print the client and server version information;client o|output=
wait;Experimental: Wait for a specific condition on one or many resources;all A|all-namespaces allow-missing-template-keys field-selector= f|filename=[] for= local o|output= R|recursive l|selector= show-managed-fields template= timeout=
`;

const GLOBALS =
  'as= as-group=[] as-uid= cache-dir= certificate-authority= client-certificate= client-key= cluster= context= disable-compression insecure-skip-tls-verify kubeconfig= log-flush-frequency= match-server-version n|namespace= password= profile= profile-output= request-timeout= s|server= tls-server-name= token= user= username= v|v= vmodule= warnings-as-errors';

/** Parses `x|name=` flag words. */
function parseFlags(words: string): FlagInfo[] {
  return words
    .split(' ')
    .filter((w) => w !== '')
    .map((word) => {
      const [spec = '', value] = word.split('=');
      const [a = '', b] = spec.split('|');
      const flag = { name: b ?? a, shorthand: b === undefined ? null : a, takesValue: value !== undefined };
      return value === '[]' ? { ...flag, repeatable: true } : flag;
    });
}

/** The flags every kubectl command takes. */
export const GLOBAL_FLAGS: readonly FlagInfo[] = parseFlags(GLOBALS);

/** The flag cobra adds to every command. */
export const HELP_FLAG: FlagInfo = { name: 'help', shorthand: 'h', takesValue: false };

/** Every kubectl command by path (`get`, `rollout status`, `create secret generic`). */
export const COMMANDS: ReadonlyMap<string, CommandInfo> = new Map(
  TABLE.trim()
    .split('\n')
    .map((row): [string, CommandInfo] => {
      const [path = '', about = '', flags = '', required = '', output = ''] = row.split(';');
      const words = (s: string) => s.split(' ').filter((w) => w !== '');
      return [
        path,
        { path, about, flags: parseFlags(flags), required: words(required), outputFormats: words(output) },
      ];
    }),
);

/** The commands directly under `path` (`''` for the top level), in kubectl's order. */
export function subcommandsOf(path: string): CommandInfo[] {
  const depth = path === '' ? 1 : path.split(' ').length + 1;
  const prefix = path === '' ? '' : `${path} `;
  return [...COMMANDS.values()].filter(
    (c) => c.path.startsWith(prefix) && c.path.split(' ').length === depth,
  );
}
