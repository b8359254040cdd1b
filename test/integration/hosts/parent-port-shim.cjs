// Lets the Electron utility-process bundle run under plain Node in tests:
// Electron's process.parentPort is emulated over Node's child-process IPC.
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage(message) {
    process.send(message);
  },
};
