import { describe, expect, it } from 'vitest';
import { collapseCjkSpaces, normalizePunctuation, stripControlCharacters } from '../../core/text/punctuation.js';

const norm = (text: string): string => normalizePunctuation(text).text;

describe('normalizePunctuation', () => {
  it('makes , ; : ? ! full-width next to Chinese', () => {
    expect(norm('精神,结合党史;如下:是吗?好!')).toBe('精神，结合党史；如下：是吗？好！');
    expect(norm('办实事”,结合')).toBe('办实事”，结合');
    expect(norm('代表 , 群众')).toBe('代表 ， 群众');
    expect(norm('好?!')).toBe('好？！');
  });

  it('reports each change with its offset in the input', () => {
    const r = normalizePunctuation('甲,乙;丙');
    expect(r.changes).toEqual([
      { offset: 1, from: ',', to: '，' },
      { offset: 3, from: ';', to: '；' },
    ]);
  });

  it('leaves numbers, times, thousands, e-mail, URLs and Latin text alone', () => {
    expect(norm('走访联系群众3.4万余名')).toBe('走访联系群众3.4万余名');
    expect(norm('上午10:30开会')).toBe('上午10:30开会');
    expect(norm('共1,000人')).toBe('共1,000人');
    expect(norm('hnrlddt@163.com')).toBe('hnrlddt@163.com');
    expect(norm('见http://x.cn/a?b=1,2;c=3,谢谢')).toBe('见http://x.cn/a?b=1,2;c=3，谢谢');
    expect(norm('A,B;C:D')).toBe('A,B;C:D');
    expect(norm('"hello", she said (twice).')).toBe('"hello", she said (twice).');
    expect(norm('f(x) = 1')).toBe('f(x) = 1');
  });

  it('converts a colon after a Chinese label but not inside a time', () => {
    expect(norm('时间:10:30')).toBe('时间：10:30');
    expect(norm('邮箱:a.b@163.com,电话')).toBe('邮箱：a.b@163.com，电话');
  });

  it('converts brackets that enclose or touch Chinese', () => {
    expect(norm('县(市、区)围绕')).toBe('县（市、区）围绕');
    expect(norm('(长沙市人大常委会供稿)')).toBe('（长沙市人大常委会供稿）');
    expect(norm('(1)标题')).toBe('（1）标题');
    expect(norm('GDP(国内生产总值)')).toBe('GDP（国内生产总值）');
    expect(norm('乡镇（街道)人大')).toBe('乡镇（街道）人大');
  });

  it('alternates straight double quotes to “ ”', () => {
    expect(norm('开展"联系群众办实事"主题活动,"五个一"形式')).toBe('开展“联系群众办实事”主题活动，“五个一”形式');
    expect(norm('他说:"好')).toBe('他说：“好');
  });

  it("converts '…' only around Chinese, never apostrophes", () => {
    expect(norm("实施'三高四新'战略")).toBe('实施‘三高四新’战略');
    expect(norm("don't 'stop' 中文")).toBe("don't 'stop' 中文");
  });

  it('turns a period after Han at the end of a line into 。 but not elsewhere', () => {
    expect(norm('问题得到解决.\n下一段')).toBe('问题得到解决。\n下一段');
    expect(norm('等等...')).toBe('等等...');
    expect(norm('第1.2条')).toBe('第1.2条');
  });

  it('does not mutate and handles empty text', () => {
    expect(normalizePunctuation('')).toEqual({ text: '', changes: [] });
    const input = '甲,乙';
    normalizePunctuation(input);
    expect(input).toBe('甲,乙');
  });

  it('handles characters outside the BMP', () => {
    expect(norm('𠮷,𠮷')).toBe('𠮷，𠮷');
  });
});

describe('collapseCjkSpaces', () => {
  it('removes PDF spaces around digits and Latin between Han', () => {
    expect(collapseCjkSpaces('人大代表安排 1 位民情信息员和 3 至 5 位')).toBe('人大代表安排1位民情信息员和3至5位');
    expect(collapseCjkSpaces('2021 年 6 月 2 日')).toBe('2021年6月2日');
    expect(collapseCjkSpaces('代表,  省人大')).toBe('代表,省人大');
    expect(collapseCjkSpaces('湘党简准字〔2000〕第 28 号')).toBe('湘党简准字〔2000〕第28号');
  });

  it('keeps spaces between Latin words and numbers, and line breaks', () => {
    expect(collapseCjkSpaces('hello world 中文')).toBe('hello world中文');
    expect(collapseCjkSpaces('0731—85309270 hnrlddt@163.com')).toBe('0731—85309270 hnrlddt@163.com');
    expect(collapseCjkSpaces('1 000')).toBe('1 000');
    expect(collapseCjkSpaces('甲 \n 乙')).toBe('甲 \n 乙');
  });
});

describe('stripControlCharacters', () => {
  it('drops controls, invisible format characters and lone surrogates, keeps \\n \\t and emoji', () => {
    expect(stripControlCharacters('a\u0000b\u0007c\u200bd\ufeffe\ud800f\udc00g\t\n\u0085😀')).toBe('abcdefg\t\n😀');
  });
});

describe('stripControlCharacters and surrogates', () => {
  it('never joins two lone surrogates that a control character separated', async () => {
    const { stripControlCharacters } = await import('../../core/text/punctuation.js');
    expect(stripControlCharacters('积极\udbff\u0001\udfff争取')).toBe('积极争取');
    expect(stripControlCharacters('𠮷\u0007')).toBe('𠮷');
  });
});
