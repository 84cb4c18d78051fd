'use strict';
const net = require('node:net');

function connect(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.end(); resolve(); });
    socket.once('error', reject);
  });
}

async function inventoryPing(port) {
  try {
    await connect(port);
  } catch (e) {
    throw new Error('inventory service unreachable', { cause: e });
  }
}

/** Does not wrap: the socket error carries no frame of this file. */
async function gatewayOpen(port) {
  await connect(port);
}

module.exports = { inventoryPing, gatewayOpen };
