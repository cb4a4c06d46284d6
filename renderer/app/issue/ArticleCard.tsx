import type { Article } from '../../../core/model/issue.js';
import { patchArticle, plainText } from '../doc.js';
import type { EditorHandlers } from './editorHandlers.js';
import { edit, type Dispatch } from './issueModel.js';
import { RichText } from './RichText.js';
import { bodySlot } from './slots.js';

/** One article: title, body editor, contributor, and the tools to move, remove and add articles. */
export function ArticleCard(props: {
  article: Article;
  index: number;
  count: number;
  articleKey: string;
  generation: number;
  dispatch: Dispatch;
  handlers: EditorHandlers;
  onRemove: (index: number) => void;
}) {
  const { article, index: i, count, articleKey: key, dispatch } = props;
  return (
    <section className="card article-card" data-article-key={key} data-article={i}>
      <div className="card-head">
        <h2>{count > 1 ? `第${i + 1}篇文章` : '文章'}</h2>
        <span className="card-tools">
          <button type="button" className="small" disabled={i === 0} onClick={() => dispatch({ type: 'moveArticle', from: i, to: i - 1 })}>
            上移
          </button>
          <button
            type="button"
            className="small"
            disabled={i === count - 1}
            onClick={() => dispatch({ type: 'moveArticle', from: i, to: i + 1 })}
          >
            下移
          </button>
          <button type="button" className="small danger" disabled={count <= 1} onClick={() => props.onRemove(i)}>
            删除文章
          </button>
        </span>
      </div>
      <input
        className="article-title"
        aria-label={`第${i + 1}篇文章标题`}
        placeholder="文章标题"
        value={article.title}
        onChange={(e) => edit(dispatch, (d) => patchArticle(d, i, { title: plainText(e.target.value) }))}
      />
      <RichText
        key={`${key}:${props.generation}`}
        slot={bodySlot(key)}
        initialBlocks={article.body}
        label={`第${i + 1}篇文章正文`}
        placeholder="正文。段首输入“一、”“（一）”“1.”“（1）”即成为标题。"
        {...props.handlers}
      />
      <label className="contributor-line">
        <span>（</span>
        <input
          className="article-contributor"
          aria-label={`第${i + 1}篇文章供稿单位`}
          placeholder="供稿单位"
          value={article.contributor}
          onChange={(e) => edit(dispatch, (d) => patchArticle(d, i, { contributor: plainText(e.target.value) }))}
        />
        <span>供稿）</span>
      </label>
      <div className="add-article">
        <button type="button" className="small" onClick={() => dispatch({ type: 'addArticle', at: i + 1 })}>
          ＋ 在此后添加文章
        </button>
      </div>
    </section>
  );
}
