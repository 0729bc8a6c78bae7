/** kubelet's calls into the node: CRI (container runtime), the OCI runtime under it, CNI and CSI. */
import type { TraceStep } from '../../sim/kernel/trace';
import { actorName, applyRules, type Explanation, type Rule } from './types';

const CRI =
  'kubelet talks to the container runtime (containerd or CRI-O) over the Container Runtime Interface, a gRPC API. ';

const RULES: readonly Rule[] = [
  {
    match: /^RunPodSandbox (\S+)/,
    explain: (m, s) => ({
      what: `${actorName(s.from)} asks the runtime to create the sandbox for pod ${m[1]}.`,
      why: `${CRI}A pod starts with its sandbox: a pause container that holds the pod’s network namespace (set up by CNI) and shared IPC, which every app container joins.`,
    }),
  },
  {
    match: /^CNI (ADD|DEL) ([^\s:]+):? ?(.*)$/,
    explain: (m) => ({
      what: `The runtime calls the CNI plugin: ${m[1]} for pod ${m[2]}${m[3] === '' ? '' : ` (${m[3]})`}.`,
      why:
        m[1] === 'ADD'
          ? 'CNI gives the sandbox its network: a veth pair into the pod’s namespace, an IP from the node’s pod CIDR (IPAM) and routes. This is where the pod IP comes from.'
          : 'When the sandbox goes away, CNI removes its interface and gives its IP address back to the pool.',
    }),
  },
  {
    match: /^PullImage (\S+)(: (\S+))?/,
    explain: (m, s) => ({
      what:
        m[2] === undefined
          ? `${actorName(s.from)} asks the runtime to pull the image ${m[1]}.`
          : `The runtime has pulled ${m[1]} (${m[3]}).`,
      why: `${CRI}Images are pulled when not present on the node (or always, with imagePullPolicy Always); pulling takes real time, which is why pods sit in ContainerCreating.`,
    }),
  },
  {
    match: /^ImageStatus (\S+)/,
    explain: (m) => ({
      what: `kubelet checks whether the image ${m[1]} is already on the node.`,
      why: `${CRI}With imagePullPolicy IfNotPresent, kubelet only pulls images the node does not have.`,
    }),
  },
  {
    match: /^CreateContainer (\S+) in sandbox (\S+)/,
    explain: (m) => ({
      what: `kubelet asks the runtime to create the container ${m[1]} in sandbox ${m[2]}.`,
      why: `${CRI}The runtime prepares the container from its image (root filesystem, mounts, environment, cgroup) without starting it yet.`,
    }),
  },
  {
    match: /^StartContainer (\S+)(?: \((\S+)\))?/,
    explain: (m) => ({
      what: `kubelet asks the runtime to start container ${m[2] ?? m[1]}.`,
      why: `${CRI}The runtime has the OCI runtime start the container’s process; its state becomes running and kubelet reports it in the pod status.`,
    }),
  },
  {
    match: /^StopContainer (\S+)(?: \((\S+)\))?(.*)$/,
    explain: (m) => ({
      what: `kubelet asks the runtime to stop container ${m[2] ?? m[1]}${m[3]}.`,
      why: `${CRI}Stopping sends SIGTERM, waits up to the grace period, then sends SIGKILL.`,
    }),
  },
  {
    match: /^(\S+) ignored SIGTERM: (.+)$/,
    explain: (m) => ({
      what: `Container ${m[1]} did not exit on SIGTERM: ${m[2]}.`,
      why: 'A container has terminationGracePeriodSeconds to shut down after SIGTERM; after that the runtime kills it.',
    }),
  },
  {
    match: /^(StopPodSandbox|RemovePodSandbox|RemoveContainer) (\S+)/,
    explain: (m) => ({
      what: `kubelet asks the runtime to ${m[1] === 'StopPodSandbox' ? 'stop the sandbox' : m[1] === 'RemovePodSandbox' ? 'remove the sandbox' : 'remove the container'} ${m[2]}.`,
      why: `${CRI}When a pod is deleted or its containers are replaced, kubelet cleans up: containers first, then the sandbox and its network (CNI DEL).`,
    }),
  },
  {
    match: /^ContainerStatus (\S+)(?: \((\S+)\))?:? ?(\S*)/,
    explain: (m) => ({
      what: `kubelet reads the state of container ${m[2] ?? m[1]}${m[3] === '' ? '' : `: ${m[3]}`}.`,
      why: `${CRI}kubelet’s pod lifecycle events come from the runtime; it reads container states to report them in the pod status.`,
    }),
  },
  {
    match: /^CONTAINER_(STARTED|STOPPED|CREATED|DELETED)_EVENT (\S+)(?: \(([^)]+)\))?(.*)$/,
    explain: (m, s) => ({
      what: `The runtime tells ${actorName(s.to)} that ${m[3] === undefined ? `container ${m[2]}` : m[3] === 'sandbox' ? 'the sandbox' : `container ${m[3]}`} ${m[1]!.toLowerCase()}${m[4]}.`,
      why: 'The runtime streams container events to kubelet (evented PLEG), so kubelet reacts at once instead of polling.',
    }),
  },
  {
    match: /^(Exec|ExecSync) (\S+)(?: \((\S+)\))? (.+)$/,
    explain: (m) => ({
      what: `kubelet runs ${m[4]} inside container ${m[3] ?? m[2]}.`,
      why: `${CRI}Exec probes run a command in the container; exit code 0 passes. kubectl exec uses the same CRI call.`,
    }),
  },
  {
    match: /^ListPodSandboxStats/,
    explain: () => ({
      what: 'kubelet asks the runtime for the CPU and memory its pods use.',
      why: 'Resource usage comes from the runtime’s cgroup stats; kubelet serves it to metrics-server (kubectl top, the HPA).',
    }),
  },
  {
    match: /^Status: (.+)$/,
    explain: (m) => ({
      what: `kubelet checks the runtime’s health: ${m[1]}.`,
      why: 'kubelet asks the runtime whether it and its network are ready; until the CNI is configured the node stays NotReady.',
    }),
  },
  {
    match: /^UpdateRuntimeConfig (.+)$/,
    explain: (m) => ({
      what: `kubelet gives the runtime its configuration: ${m[1]}.`,
      why: 'Once the node has a pod CIDR, kubelet passes it to the runtime for the CNI plugin’s address management.',
    }),
  },
  {
    match: /^(runc|crun) (create|start|kill|delete|exec|update) (\S+)(?: \(([^)]+)\))?:? ?(.*)$/,
    explain: (m) => ({
      what: `The runtime runs \`${m[1]} ${m[2]}\` for ${m[4] === undefined ? m[3] : m[4] === 'pause' ? 'the pause container' : `container ${m[4]}`}${m[5] === '' ? '' : `: ${m[5]}`}.`,
      why: `Under the CRI runtime, the OCI runtime (${m[1]}) makes the container real with Linux kernel features: namespaces for isolation, cgroups for resource limits, and a root filesystem to pivot into.`,
    }),
  },
  {
    match: /^OCI bundle (\S+)(?: \(([^)]+)\))?:? ?(.*)$/,
    explain: (m) => ({
      what: `The runtime writes the OCI bundle for ${m[2] === undefined ? m[1] : `container ${m[2]}`}: ${m[3]}.`,
      why: 'An OCI bundle is a config.json (process, mounts, namespaces, cgroup limits) plus a root filesystem built from the image layers; the OCI runtime runs it.',
    }),
  },
  {
    match: /^Node(Stage|Publish|Unpublish|Unstage)Volume (\S+) (?:at|from) (\S+)/,
    explain: (m) => ({
      what: `kubelet calls the CSI node plugin: Node${m[1]}Volume for volume ${m[2]} (${m[3]}).`,
      why:
        m[1] === 'Stage' || m[1] === 'Publish'
          ? 'CSI mounts in two steps: NodeStageVolume mounts the device once per node (the global mount), NodePublishVolume bind-mounts it into each pod’s volume directory.'
          : 'When the pod goes away kubelet reverses the CSI mounts: unpublish from the pod, then unstage from the node.',
    }),
  },
  {
    match: /^Node(GetInfo|GetCapabilities|ExpandVolume|GetVolumeStats)/,
    explain: (m) => ({
      what: `kubelet calls the CSI node plugin: Node${m[1]}.`,
      why: 'kubelet talks to CSI drivers over a gRPC socket on the node; the driver registered it with kubelet when it started.',
    }),
  },
];

/** Explains a runtime step: kubelet -> CRI, runtime -> OCI runtime, CNI and CSI calls. */
export function explainRuntime(step: TraceStep): Explanation | null {
  return applyRules(RULES, step);
}
