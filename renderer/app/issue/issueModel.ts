import type { BulletinDocument } from '../../../core/model/document.js';
import type { Article, Block } from '../../../core/model/issue.js';
import { emptyArticle, insertArticle, moveArticle, moveItem, removeArticle, setArticleBody } from '../doc.js';

// The document being edited, with a stable key per article (for React and for the article's editor)

export interface Model {
  readonly doc: BulletinDocument;
  readonly keys: readonly string[];
  /** Bumped when the document is replaced as a whole: every editor is mounted afresh. */
  readonly generation: number;
}

export type Action =
  | { type: 'edit'; change: (doc: BulletinDocument) => BulletinDocument }
  | { type: 'body'; key: string; blocks: readonly Block[] }
  | { type: 'addArticle'; at: number }
  /** An article read from a file (插入 Word 文件为文章, a dropped file) inserted at `at`. */
  | { type: 'insertArticle'; at: number; article: Article }
  | { type: 'removeArticle'; index: number }
  | { type: 'moveArticle'; from: number; to: number }
  | { type: 'replace'; doc: BulletinDocument };

export type Dispatch = (action: Action) => void;

/** A dispatch of a change to the document: `edit(dispatch, (d) => patchIssue(d, { year }))`. */
export function edit(dispatch: Dispatch, change: (doc: BulletinDocument) => BulletinDocument): void {
  dispatch({ type: 'edit', change });
}

let keySeq = 0;
const newKey = () => `a${++keySeq}`;

export function initModel(doc: BulletinDocument): Model {
  return { doc, keys: doc.issue.articles.map(newKey), generation: 0 };
}

export function reducer(model: Model, action: Action): Model {
  switch (action.type) {
    case 'edit': {
      const doc = action.change(model.doc);
      return doc === model.doc ? model : { ...model, doc };
    }
    case 'body': {
      const index = model.keys.indexOf(action.key);
      if (index < 0) return model;
      return { ...model, doc: setArticleBody(model.doc, index, action.blocks) };
    }
    case 'addArticle': {
      const keys = [...model.keys];
      keys.splice(action.at, 0, newKey());
      return { ...model, keys, doc: insertArticle(model.doc, action.at, emptyArticle()) };
    }
    case 'insertArticle': {
      const keys = [...model.keys];
      keys.splice(action.at, 0, newKey());
      return { ...model, keys, doc: insertArticle(model.doc, action.at, action.article) };
    }
    case 'removeArticle':
      if (model.keys.length <= 1) return model;
      return {
        ...model,
        keys: model.keys.filter((_, i) => i !== action.index),
        doc: removeArticle(model.doc, action.index),
      };
    case 'moveArticle':
      if (action.to < 0 || action.to >= model.keys.length) return model;
      return {
        ...model,
        keys: moveItem(model.keys, action.from, action.to),
        doc: moveArticle(model.doc, action.from, action.to),
      };
    case 'replace':
      return { doc: action.doc, keys: action.doc.issue.articles.map(newKey), generation: model.generation + 1 };
  }
}
