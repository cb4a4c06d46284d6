import { api, errorMessage } from './api.js';

/**
 * What the window shows when the interface itself failed (an error React could not contain, which unmounts
 * everything): instead of a blank window, a Chinese message, 重新载入 and 打开日志文件夹. Plain DOM, no React:
 * it must work when React does not.
 */
export function showFatal(container: HTMLElement): void {
  const box = document.createElement('div');
  box.className = 'fatal';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'fatal';
  const title = document.createElement('h1');
  title.textContent = '界面出错';
  const text = document.createElement('p');
  text.textContent =
    '简报编辑台的界面遇到了错误。已保存的内容不受影响；重新载入后，恢复记录中未保存的修改可以找回。详细信息已写入日志。';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = '重新载入';
  reload.addEventListener('click', () => location.reload());
  const logs = document.createElement('button');
  logs.type = 'button';
  logs.textContent = '打开日志文件夹';
  const note = document.createElement('p');
  logs.addEventListener('click', () => {
    api.appOpenLogFolder({}).then(
      ({ path }) => (note.textContent = `已打开：${path}`),
      (e: unknown) => (note.textContent = errorMessage(e)),
    );
  });
  box.append(title, text, reload, logs, note);
  container.replaceChildren(box);
}
