/**
 * The schema of the image knowledge files (`remediations/images/*.yml`, and a repository's
 * `<remediations.directory>/images/*.yml`): per widely used image, the user it runs as, the non-root
 * variants or UIDs it supports and the paths it writes at run time, each with its source. The guards of
 * `run-as-non-root` and `read-only-root-filesystem` read it (src/remediations/guards/).
 */
import { z } from 'zod';

export const ImageEntrySchema = z
  .strictObject({
    repository: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9._:-]*(\/[a-z0-9._-]+)+$/,
        'a normalised repository: registry host and path, e.g. docker.io/library/redis',
      )
      .describe(
        'Normalised repository: registry host and path (Docker Hub official images are docker.io/library/NAME).',
      ),
    tags: z
      .string()
      .min(1)
      .default('*')
      .describe('picomatch glob on the tag (digest-only references match "*" only). Default: "*".'),
    user: z
      .string()
      .min(1)
      .describe(
        'The default user as the kubelet sees it: a numeric UID ("0" is root; no USER line means root) or a user name.',
      ),
    runAsUser: z.number().int().min(1).optional().describe('A non-root UID the image supports (its own service user).'),
    variants: z
      .array(z.string().min(1))
      .default([])
      .describe('Non-root variants of the image to switch to. Default: [].'),
    writes: z
      .array(z.string().regex(/^\//, 'an absolute path'))
      .optional()
      .describe('Paths on the root filesystem the image writes at run time; absent = unknown, [] = none.'),
    note: z.string().optional().describe('Anything a reviewer must know.'),
    source: z.url().describe('The Dockerfile or documentation that states the user.'),
  })
  .describe('One image (or a tag range of it).');

export const ImagesFileSchema = z
  .strictObject({ $schema: z.string().optional(), images: z.array(ImageEntrySchema) })
  .describe('kubemend image knowledge (remediations/images/*.yml).');

export type ImageEntry = z.output<typeof ImageEntrySchema>;
