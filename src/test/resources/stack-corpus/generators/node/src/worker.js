'use strict';
const { EventEmitter } = require('node:events');
const operations = require('./operations');
const { FulfillmentError } = require('./errors');

/** A queue consumer: records arrive as events, failures are retried, then wrapped. */
function consume(op, n, port, attempts) {
  return new Promise((resolve, reject) => {
    const queue = new EventEmitter();
    let attempt = 0;
    queue.on('record', async function onRecord(record) {
      attempt++;
      try {
        resolve(await operations.run(record.op, record.n, port));
      } catch (e) {
        if (attempt >= attempts) {
          reject(new FulfillmentError(`order ${record.n} failed after ${attempts} attempts`, { cause: e }));
        } else {
          queue.emit('record', record);
        }
      }
    });
    queue.emit('record', { op, n });
  });
}

/** A scheduled job: runs on a timer, outside any request. */
function schedule(op, n, port) {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      operations.run(op, n, port).then(resolve, reject);
    }, 1);
  });
}

module.exports = { consume, schedule };
