'use strict';

const addresses = new Map();

function render(orderId) {
  const address = addresses.get(orderId);
  return `Invoice ${orderId} to ${address.street}`;
}

module.exports = { render };
