'use strict';
const { ValidationError } = require('./errors');

function checkEmail(value) {
  if (!value.includes('@')) {
    throw new ValidationError('invalid contact');
  }
}

/** Same error and message as checkEmail, other code: another bug. */
function checkPhone(value) {
  if (!/^\+?\d+$/.test(value)) {
    throw new ValidationError('invalid contact');
  }
}

module.exports = { checkEmail, checkPhone };
