'use strict';

const parents = { shoes: 'apparel', apparel: 'shoes' };

function depth(category) {
  const parent = parents[category];
  return parent === undefined ? 0 : 1 + depth(parent);
}

module.exports = { depth };
