'use strict';
const operations = require('./operations');

const handlers = {
  async get(op, n, port) {
    return operations.run(op, n, port);
  },
  async post(op, n, port) {
    try {
      return await operations.run(op, n, port);
    } catch (e) {
      throw new Error(`failed to process order ${n}`, { cause: e });
    }
  },
  async put(op, n, port) {
    const result = await operations.run(op, n, port);
    return { updated: result };
  },
};

async function dispatch(verb, op, n, port) {
  const handler = handlers[verb.toLowerCase()];
  return handler(op, n, port);
}

module.exports = { dispatch };
