/**
 * `images`: rewrites the image of every container and init container found anywhere in a resource
 * (kustomize's legacy image filter), and of image volumes, when its name matches.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/images/
 */
import type { Res } from './resource.js';
import { fromPlain, mapGet, type TNode, type Writer } from './tracked.js';
import type { ImageRule, Kustomization } from './types.js';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** kustomize image.IsImageMatched: the name, then an optional tag, then an optional digest. */
export function imageMatches(image: string, name: string): boolean {
  return new RegExp(`^${escapeRegex(name)}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`).test(image);
}

/** Splits an image reference into name, tag and digest (kustomize image.Split). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  return { name: hasTag ? rest.slice(0, colon) : rest, tag: hasTag ? rest.slice(colon + 1) : '', digest };
}

export function newImage(image: string, rule: ImageRule): string {
  let { name, tag, digest } = splitImage(image);
  if (rule.newName) name = rule.newName;
  if (rule.newTag && rule.digest) [tag, digest] = [rule.newTag, rule.digest];
  else if (rule.newTag) [tag, digest] = [rule.newTag, ''];
  else if (rule.digest) [tag, digest] = ['', rule.digest];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

function setImage(holder: TNode, field: string, rule: ImageRule, w: Writer): void {
  const node = mapGet(holder, field);
  if (
    holder.t !== 'map' ||
    node?.t !== 'scalar' ||
    typeof node.value !== 'string' ||
    !imageMatches(node.value, rule.name)
  )
    return;
  holder.entries.set(field, fromPlain(newImage(node.value, rule), w, rule.pointer));
}

function visit(node: TNode, rule: ImageRule, w: Writer): void {
  if (node.t === 'seq') node.items.forEach((i) => visit(i, rule, w));
  if (node.t !== 'map') return;
  for (const [key, child] of node.entries) {
    if ((key === 'containers' || key === 'initContainers') && child.t === 'seq')
      child.items.forEach((c) => setImage(c, 'image', rule, w));
    else if (key === 'volumes' && child.t === 'seq')
      child.items.forEach((v) => {
        const img = mapGet(v, 'image');
        if (img) setImage(img, 'reference', rule, w);
      });
    else visit(child, rule, w);
  }
}

export function applyImages(resources: Res[], k: Kustomization, w: Writer): void {
  for (const rule of k.images) for (const res of resources) visit(res.node, rule, w);
}
