'use strict';

function buffer(rows) {
  return new Array(rows * 64);
}

module.exports = { buffer };
