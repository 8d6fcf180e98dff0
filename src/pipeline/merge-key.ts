/**
 * The strategic-merge keys of the lists kubemend edits, by field name: kustomize (and `kubectl apply`)
 * merge these lists item by item on the key, so an overlay's container `web` is the base's container `web`
 * wherever it sits in the list. https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch
 */
const KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
};

/** The merge key of the list in field `field`, or undefined (matched by position then is refused). */
export function mergeKeyOf(field: string): string | undefined {
  return KEYS[field];
}
