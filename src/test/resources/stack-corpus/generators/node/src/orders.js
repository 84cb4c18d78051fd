'use strict';
const inventory = require('./inventory');

const customers = new Map([['c-1', { tier: 'gold' }]]);

class OrderService {
  place(orderId, sku, quantity) {
    inventory.reserve(sku, quantity);
    return orderId;
  }

  totalOf(customerId, amount) {
    const customer = customers.get(customerId);
    return customer.tier === 'gold' ? amount * 0.9 : amount;
  }

  async loadCustomer(customerId) {
    await new Promise((resolve) => setImmediate(resolve));
    const customer = customers.get(customerId);
    if (!customer) {
      throw new Error(`customer ${customerId} not found`);
    }
    return customer;
  }
}

module.exports = { OrderService };
