/**
 * `runAsNonRoot: true` makes the kubelet refuse to start a container whose user is root, or a user name it
 * cannot check is non-root (only a numeric UID can be verified)
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1).
 * So the fix is safe only when a non-zero `runAsUser` is set (or will be, through the option) or the image
 * is known to run as a non-zero UID; an image known to run as root or a name is held back, and an unknown
 * image is fixed with a warning to check its USER.
 */
import type { Unit } from '../evaluate.js';
import { fieldValue } from '../fields.js';
import { type ImageKnowledge, lookupImage, numericUser, runsAsRoot } from '../images/lookup-image.js';
import type { ImageEntry } from '../images/schema.js';
import type { Options } from '../predicates.js';
import type { Remediation } from '../schema.js';

export type GuardVerdict = { hold: string; source?: string } | { evidence?: string };

function runAsUserSet(unit: Unit, pod: Unit): number | undefined {
  const v = fieldValue(unit.value, 'securityContext.runAsUser') ?? fieldValue(pod.value, 'securityContext.runAsUser');
  return typeof v === 'number' ? v : undefined;
}

/** The UID the remediation's `also_set` option will write next to runAsNonRoot, if any. */
function optionUser(rem: Remediation, options: Options): number | undefined {
  for (const check of rem.checks) {
    const ref = check.fix.also_set?.['securityContext.runAsUser'];
    const value = ref ? options[ref.option] : undefined;
    if (typeof value === 'number') return value;
  }
  return undefined;
}

function howToFix(entry: ImageEntry): string {
  const ways = [
    ...(entry.variants.length ? [`switch to a non-root variant (${entry.variants.join(', ')})`] : []),
    ...(entry.runAsUser !== undefined
      ? [
          `set runAsUser: ${entry.runAsUser} (the image's own user) on the container, or as the run-as-non-root option runAsUser`,
        ]
      : ['set a non-zero runAsUser the image supports']),
  ];
  return ways.join(', or ');
}

/** Whether setting runAsNonRoot on this container is safe, with the evidence a reviewer needs. */
export function imageUserVerdict(
  rem: Remediation,
  unit: Unit,
  pod: Unit,
  options: Options,
  images: ImageKnowledge,
): GuardVerdict {
  const image = fieldValue(unit.value, 'image');
  const label = imageLabel(image);
  const uid = runAsUserSet(unit, pod);
  if (uid !== undefined && uid > 0) return {};
  const fromOption = optionUser(rem, options);
  if (uid === undefined && fromOption !== undefined)
    return {
      evidence: `runs as UID ${fromOption} (the runAsUser option): check image \`${label}\` works as that user`,
    };
  const entry = lookupImage(images, image);
  if (!entry)
    return {
      evidence: `image \`${label}\` user unknown: check its USER is a non-zero numeric UID before merging, or the kubelet will not start it`,
    };
  const n = numericUser(entry);
  if (runsAsRoot(entry))
    return {
      hold: `image \`${label}\` runs as root: with runAsNonRoot the kubelet would refuse to start it; ${howToFix(entry)}`,
      source: entry.source,
    };
  if (n === undefined)
    return {
      hold: `image \`${label}\` runs as user "${entry.user}", a name the kubelet cannot verify as non-root, so it would refuse to start it; ${howToFix(entry)}`,
      source: entry.source,
    };
  return { evidence: `image \`${label}\` runs as UID ${n}` };
}

/**
 * Dropping ALL capabilities from a process that starts as root breaks images whose entrypoint changes file
 * ownership or steps down to their own user (gosu, su-exec, setpriv need CHOWN, SETUID and SETGID): the
 * official redis, postgres, mysql and rabbitmq images all do. Held back for images known to run as root
 * unless a non-zero runAsUser is set, so the process never starts as root.
 */
export function imageRootVerdict(unit: Unit, pod: Unit, images: ImageKnowledge): GuardVerdict {
  const image = fieldValue(unit.value, 'image');
  const label = imageLabel(image);
  const uid = runAsUserSet(unit, pod);
  if (uid !== undefined && uid > 0) return {};
  const entry = lookupImage(images, image);
  if (!entry || !runsAsRoot(entry)) return {};
  const how =
    entry.runAsUser !== undefined
      ? `set runAsUser: ${entry.runAsUser} (the image's own user) first`
      : 'run it as a non-root user first';
  return {
    hold: `image \`${label}\` starts as root, and its entrypoint may need CHOWN, SETUID or SETGID to change ownership or step down to its user: dropping ALL would stop it; ${how}`,
    source: entry.source,
  };
}

/** An image reference as shown in a reason: backticks (never valid in a reference) removed so it stays one code span. */
export function imageLabel(image: unknown): string {
  return typeof image === 'string' ? image.replace(/`/g, '') : '(no image)';
}
