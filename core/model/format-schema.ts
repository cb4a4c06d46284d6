import type { BulletinDocument } from './document.js';
import type { Inline } from './inline.js';
import type { Article, Block, DistributionEntry, HeadingLevel, Issue } from './issue.js';
import type { IssueFields } from './document-patch.js';
import { tableBlock } from './format-table.js';
import { defaultProfile, type FontChoice, type FontRole, type PublicationProfile } from './profile.js';
import type { MastheadArtSpec } from '../masthead-art/spec.js';
import {
  anything,
  array,
  boolean,
  integer,
  isoDate,
  map,
  object,
  oneOf,
  report,
  string,
  variant,
  type FormatProblem,
  type Validator,
} from './validate.js';

/**
 * The schema of the current version of the issue file format (version 1): a validator for each part of the
 * model, reporting every problem with its path and a Chinese reason. Files of older versions are upgraded to
 * this version first (./format-versions.ts).
 */

const text = string();
const inline: Validator<Inline> = object({ required: { text }, optional: { bold: boolean() } });
const inlines = array(inline);

const paragraph = object({ required: { type: oneOf(['paragraph']), content: inlines } });
const heading = object({
  required: {
    type: oneOf(['heading']),
    // integer() checks the range 1–4, so the number is a HeadingLevel.
    level: integer({ min: 1, max: 4 }) as Validator<HeadingLevel>,
    content: inlines,
  },
  optional: { body: inlines },
});
/** An embedded picture's JPEG in base64 (it starts with the SOI marker FF D8 FF: "/9j/"). */
const jpegData: Validator<string> = (value, path, problems) => {
  if (typeof value !== 'string' || !/^\/9j\/[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    return report(problems, path, '应为 base64 编码的 JPEG 图片数据');
  }
  return value;
};
const pictureImage = object({
  required: {
    format: oneOf(['jpeg']),
    data: jpegData,
    width: integer({ min: 1, max: 30_000 }),
    height: integer({ min: 1, max: 30_000 }),
  },
});
const picture = object({ required: { type: oneOf(['picture']), content: inlines, image: pictureImage } });
const block: Validator<Block> = variant({ key: 'type', variants: { paragraph, heading, table: tableBlock, picture } });

const article: Validator<Article> = object({ required: { title: text, body: array(block), contributor: text } });
/** An article, as in a file (the live preview's patches carry articles checked by it). */
export const articleSchema = article;

const distributionEntry: Validator<DistributionEntry> = object({
  required: { text, copies: integer({ min: 1, max: 9999 }) },
});

const issueHead = { year: integer({ min: 1900, max: 2999 }), number: integer({ min: 1, max: 9999 }), date: isoDate(), editorNote: array(inlines) };
const issueTail = { distribution: array(distributionEntry), editors: array(text) };
const issueOptional = { totalNumber: integer({ min: 1, max: 99_999_999 }) };

const issue: Validator<Issue> = object({
  required: { ...issueHead, articles: array(article, { minItems: 1 }), ...issueTail },
  optional: issueOptional,
});

/** An issue's fields without its articles (the live preview's patches), checked as in a file. */
export const issueFieldsSchema: Validator<IssueFields> = object({ required: { ...issueHead, ...issueTail }, optional: issueOptional });

const fontChoice: Validator<FontChoice> = variant({
  key: 'kind',
  variants: {
    bundled: object({
      required: {
        kind: oneOf(['bundled']),
        family: oneOf(['noto-serif-sc', 'noto-serif-sc-heavy', 'noto-sans-sc', 'lxgw-wenkai']),
      },
    }),
    file: object({
      required: { kind: oneOf(['file']), path: string({ nonEmpty: true }) },
      optional: { boldPath: string({ nonEmpty: true }) },
    }),
  },
});

const fonts: Validator<Record<FontRole, FontChoice>> = object({
  required: { title: fontChoice, body: fontChoice, hei: fontChoice, kai: fontChoice, song: fontChoice },
});

/** The 刊名 picture (issue 12): a file, or embedded as base64 so that the issue file moves as one file. */
const mastheadArt: Validator<MastheadArtSpec> = variant({
  key: 'kind',
  variants: {
    file: object({ required: { kind: oneOf(['file']), path: string({ nonEmpty: true }) } }),
    embedded: object({
      required: { kind: oneOf(['embedded']), mime: oneOf(['image/svg+xml', 'image/png', 'application/pdf']), data: string({ nonEmpty: true }) },
      optional: { name: text },
    }),
  },
});

/** Version 1 makes `preset` and `fonts` optional; absent, they take the values of {@link defaultProfile}. */
const publication: Validator<PublicationProfile> = map(
  object({
    required: {
      name: text,
      pinyin: text,
      unit: text,
      approvalNumber: text,
      contact: text,
      defaultDistribution: array(distributionEntry),
      defaultEditors: array(text),
    },
    optional: { preset: oneOf(['standard', 'compact']), fonts, preferEvenPages: boolean(),
      finalPdfA: boolean(),
      mastheadArt,
      mastheadArtColour: oneOf(['red', 'own']),
    },
  }),
  (p): PublicationProfile => {
    const defaults = defaultProfile();
    return { ...p, preset: p.preset ?? defaults.preset, fonts: p.fonts ?? defaults.fonts };
  },
);

const content = object({
  required: { format: anything(), version: anything(), publication, issue },
});

/** The document in `raw` (the content of a current-version file), or undefined with its problems added. */
export function validateContent(raw: unknown, problems: FormatProblem[]): BulletinDocument | undefined {
  const checked = content(raw, '', problems);
  return checked && { publication: checked.publication, issue: checked.issue };
}
