import lianluoDongtai from '../../assets/templates/lianluo-dongtai.json' with { type: 'json' };
import type { PublicationProfile } from './profile.js';

/**
 * The publication templates that ship (assets/templates/*.json): a publication profile a new library starts
 * from, with its name. They are data, imported with the code (bundled by Vite and esbuild, read by tsx), so
 * the core reads no file; tests/unit/assets.test.ts checks each with the issue file's own validator.
 */

/** A shipped template: its id, its Chinese name and description, and the profile it gives. */
export interface PublicationTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly profile: PublicationProfile;
}

/** The template a new library starts from. */
export const DEFAULT_TEMPLATE_ID = 'lianluo-dongtai';

/** Every template that ships, in the order a user is offered them. */
export const TEMPLATES: readonly PublicationTemplate[] = [lianluoDongtai as PublicationTemplate];

/** The template of an id, or undefined. */
export function templateById(id: string): PublicationTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
