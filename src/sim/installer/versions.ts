/**
 * The versions a kind v0.26 cluster of Kubernetes v1.32 ships with: the images its
 * installer (kubeadm and kind) deploys. One place, so manifests and the image catalog agree.
 */

export const KUBERNETES_VERSION = 'v1.32.4';
export const IMAGES = {
  etcd: 'registry.k8s.io/etcd:3.5.16-0',
  kubeApiserver: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  kubeControllerManager: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  kubeScheduler: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  kubeProxy: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
  coredns: 'registry.k8s.io/coredns/coredns:v1.11.3',
  metricsServer: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
  kindnet: 'docker.io/kindest/kindnetd:v20241212-9f82dd49',
  flannel: 'ghcr.io/flannel-io/flannel:v0.26.2',
  flannelCniPlugin: 'ghcr.io/flannel-io/flannel-cni-plugin:v1.6.0-flannel1',
  calicoNode: 'docker.io/calico/node:v3.29.1',
  calicoCni: 'docker.io/calico/cni:v3.29.1',
  calicoKubeControllers: 'docker.io/calico/kube-controllers:v3.29.1',
  cilium: 'quay.io/cilium/cilium:v1.16.5',
  ciliumOperator: 'quay.io/cilium/operator-generic:v1.16.5',
} as const;

/** The cluster's pod network (kubeadm `--pod-network-cidr`, kind's podSubnet). */
export const POD_SUBNET = '10.244.0.0/16';
