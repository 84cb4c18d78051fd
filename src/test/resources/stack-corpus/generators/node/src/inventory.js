'use strict';
const { OutOfStockError } = require('./errors');

const stock = new Map([['sku-1', 5], ['sku-2', 0]]);

function reserve(sku, quantity) {
  const available = stock.get(sku) ?? 0;
  if (available < quantity) {
    throw new OutOfStockError(`insufficient stock for ${sku}: ${available} < ${quantity}`);
  }
  stock.set(sku, available - quantity);
}

module.exports = { reserve };
