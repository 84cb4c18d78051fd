'use strict';

function normalize(skus) {
  return skus.map((sku) => sku.trim());
}

function validate(items) {
  items.forEach((item) => {
    if (item.sku.length === 0) {
      throw new Error('empty sku');
    }
  });
  return items.length;
}

module.exports = { normalize, validate };
