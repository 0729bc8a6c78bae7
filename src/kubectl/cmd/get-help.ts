/** The help text of `kubectl get`. */

export const GET_LONG = `Display one or many resources.

 Prints a table of the most important information about the specified resources: the apiserver prints the table (a server-side Table) and kubectl aligns it. Filter the list with a label selector (-l) or a field selector (--field-selector). Namespaced resources are listed in the current namespace unless --namespace or --all-namespaces says otherwise.

 Other formats (-o yaml, json, name, jsonpath, custom-columns) print the objects themselves.

Use "kubectl api-resources" for a complete list of supported resources.`;

export const GET_EXAMPLE = `# List all pods in the current namespace
kubectl get pods

# List all pods with more information (such as node name)
kubectl get pods -o wide

# List one deployment by name
kubectl get deployment web

# List deployments of the "v1" version of the "apps" API group, as JSON
kubectl get deployments.v1.apps -o json

# List one pod in YAML
kubectl get -o yaml pod/web-7d4b9c8f5-x2x7q

# Print only the phase of a pod
kubectl get pod web-7d4b9c8f5-x2x7q -o jsonpath='{.status.phase}'

# List pods with custom columns
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName

# List services and deployments together
kubectl get services,deployments

# List objects of several types by type and name
kubectl get deployment/web service/web

# List pods labelled app=web, with their labels
kubectl get pods -l app=web --show-labels

# List the pods of every namespace, sorted by node
kubectl get pods --all-namespaces --sort-by=.spec.nodeName

# Watch pods change
kubectl get pods --watch`;
