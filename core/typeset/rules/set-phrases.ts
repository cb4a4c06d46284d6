/**
 * Set phrases a title is never broken inside, beside the words Intl.Segmenter finds. The segmenter's
 * dictionary splits many phrases of official writing into single characters (提|质|增|效, 联络|站), so a
 * break chosen only between its words can still tear a phrase apart. These are the four-character set
 * phrases (四字格) and fixed terms that recur in the bulletin's titles; docs/layout-rules.md, "Titles".
 * Keep the list short and to phrases a reader would never see split: it is consulted for titles only.
 */
export const SET_PHRASES: readonly string[] = [
  // 四字格 of work reports
  '提质增效',
  '提档升级',
  '扩面提质',
  '走深走实',
  '落地落实',
  '落地见效',
  '见行见效',
  '取得实效',
  '务实管用',
  '建言献策',
  '履职尽责',
  '依法履职',
  '凝心聚力',
  '真抓实干',
  '求真务实',
  '守正创新',
  '担当作为',
  '久久为功',
  '走在前列',
  '有形覆盖',
  '有效覆盖',
  '全面覆盖',
  '三高四新',
  // fixed terms of people's congress work
  '最后一公里',
  '全过程人民民主',
  '人民代表大会',
  '人大常委会',
  '常委会',
  '人大代表',
  '代表联络站',
  '联络站',
  '联络点',
  '办实事',
  '高质量发展',
  '主题活动',
  '闭会期间',
];

/**
 * The UTF-16 offsets strictly inside an occurrence of a set phrase in `text` (a break there would split it).
 * Overlapping occurrences all count.
 */
export function insideSetPhrases(text: string, phrases: readonly string[] = SET_PHRASES): Set<number> {
  const inside = new Set<number>();
  for (const phrase of phrases) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      for (let i = at + 1; i < at + phrase.length; i++) inside.add(i);
    }
  }
  return inside;
}
