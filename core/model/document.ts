import type { Issue } from './issue.js';
import type { PublicationProfile } from './profile.js';

/**
 * What an issue file holds: the issue and the publication it belongs to, so that a file alone is enough to
 * typeset and print the issue as it was.
 */
export interface BulletinDocument {
  readonly publication: PublicationProfile;
  readonly issue: Issue;
}
