import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi, type Envelope } from './ipc/contract.js';

// The whole preload: the contract's API on window.bulletin — one method per channel and `on` for events.
// The renderer never sees ipcRenderer. Bundled into one CommonJS file (sandboxed preloads cannot import).
contextBridge.exposeInMainWorld(
  'bulletin',
  buildApi({
    invoke: (channel, request) => ipcRenderer.invoke(channel, request) as Promise<Envelope<unknown>>,
    subscribe: (event, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, handler);
      return () => {
        ipcRenderer.removeListener(event, handler);
      };
    },
  }),
);
