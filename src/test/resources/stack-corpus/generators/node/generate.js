'use strict';
// Generates the Node.js part of the stack corpus: runs the app of ./src as build a and as build b (a copy with a
// comment line inserted every 6 lines, so lines and columns of frames shift) through several entry points and writes
// every failure as console.error / util.inspect prints it (stack plus [cause] blocks).
// Usage: node generate.js OUTPUT_DIR
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const util = require('node:util');

const PATHS = ['http-get', 'http-post', 'worker', 'job', 'http-put'];

function copyApp(build) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  const dir = path.join(root, 'srv', `shopfront-${build === 'a' ? '1.4.0' : '1.4.1'}`, 'src');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(path.join(__dirname, 'src'))) {
    let lines = fs.readFileSync(path.join(__dirname, 'src', name), 'utf8').split('\n');
    if (build === 'b') {
      lines = lines.flatMap((line, i) => (i % 6 === 2 ? ['// build b: shifted', line] : [line]));
    }
    fs.writeFileSync(path.join(dir, name), lines.join('\n'));
  }
  return dir;
}

function closedPort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function generate(build, out) {
  const dir = copyApp(build);
  const operations = require(path.join(dir, 'operations.js'));
  const web = require(path.join(dir, 'web.js'));
  const worker = require(path.join(dir, 'worker.js'));
  const port = await closedPort();
  const events = [];
  let n = build === 'a' ? 0 : 500;
  for (const [index, op] of operations.BUGS.entries()) {
    for (let k = 0; k < 4; k++) {
      const entry = PATHS[(index + k + (build === 'b' ? 2 : 0)) % PATHS.length];
      const repeats = (index + k) % 3 === 0 ? 2 : 1;
      for (let r = 0; r < repeats; r++) {
        n++;
        try {
          if (entry.startsWith('http-')) {
            await web.dispatch(entry.slice(5).toUpperCase(), op, n, port);
          } else if (entry === 'worker') {
            await worker.consume(op, n, port, 1 + (n % 3));
          } else {
            await worker.schedule(op, n, port);
          }
          throw new Error(`${op} via ${entry} did not fail`);
        } catch (e) {
          if (e.message.endsWith('did not fail')) throw e;
          events.push(`### event node-${build}-${events.length + 1} bug=node-${op} path=${entry} build=${build}\n`
            + `message: request ${n} failed (${entry})\n${util.inspect(e)}\n`);
        }
      }
    }
  }
  fs.writeFileSync(path.join(out, `node-${build}.txt`), events.join(''));
  fs.rmSync(path.dirname(path.dirname(path.dirname(dir))), { recursive: true });
  console.log(build, events.length, 'events');
}

(async () => {
  const out = path.resolve(process.argv[2]);
  await generate('a', out);
  await generate('b', out);
})();
