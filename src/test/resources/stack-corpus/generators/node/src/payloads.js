'use strict';

function readEvent(body) {
  const event = JSON.parse(body);
  return event.order;
}

module.exports = { readEvent };
