'use strict';

class OutOfStockError extends Error {
  constructor(message) {
    super(message);
    this.name = 'OutOfStockError';
  }
}

class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ValidationError';
  }
}

class FulfillmentError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'FulfillmentError';
  }
}

module.exports = { OutOfStockError, ValidationError, FulfillmentError };
