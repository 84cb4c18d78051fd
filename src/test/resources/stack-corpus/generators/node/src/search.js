'use strict';

function decodeQuery(raw) {
  return decodeURIComponent(raw).split(' ');
}

module.exports = { decodeQuery };
