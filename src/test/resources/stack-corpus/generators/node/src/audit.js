'use strict';

function serialize(entry) {
  const record = { ...entry, at: 'now' };
  record.self = record;
  return JSON.stringify(record);
}

module.exports = { serialize };
