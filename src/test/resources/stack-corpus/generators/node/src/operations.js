'use strict';
const audit = require('./audit');
const billing = require('./billing');
const cart = require('./cart');
const catalog = require('./catalog');
const clients = require('./clients');
const payloads = require('./payloads');
const reports = require('./reports');
const search = require('./search');
const validators = require('./validators');
const { OrderService } = require('./orders');
const { PriceCalculator } = require('./pricing');

const BUGS = [
  'out-of-stock', 'undefined-customer-tier', 'undefined-invoice-address', 'json-event', 'inventory-refused',
  'gateway-refused', 'normalize-not-function', 'validate-empty-sku', 'report-buffer', 'bigint-divide',
  'search-uri', 'contact-email', 'contact-phone', 'category-cycle', 'audit-circular', 'customer-not-found',
];

const orders = new OrderService();
const prices = new PriceCalculator();

async function run(op, n, closedPort) {
  switch (op) {
    case 'out-of-stock': return orders.place(`o-${n}`, 'sku-2', 1 + (n % 4));
    case 'undefined-customer-tier': return orders.totalOf(`c-${10 + n}`, 10);
    case 'undefined-invoice-address': return billing.render(`o-${n}`);
    case 'json-event': return payloads.readEvent(`{"order": ${n}`);
    case 'inventory-refused': return clients.inventoryPing(closedPort);
    case 'gateway-refused': return clients.gatewayOpen(closedPort);
    case 'normalize-not-function': return cart.normalize(`sku-${n}`);
    case 'validate-empty-sku': return cart.validate([{ sku: `sku-${n}` }, { sku: '' }]);
    case 'report-buffer': return reports.buffer(-1 - n);
    case 'bigint-divide': return prices.unitPrice(1000 + n, 0);
    case 'search-uri': return search.decodeQuery(`shoes%zz${n}`);
    case 'contact-email': return validators.checkEmail(`user${n}.example.org`);
    case 'contact-phone': return validators.checkPhone(`phone-${n}`);
    case 'category-cycle': return catalog.depth('shoes');
    case 'audit-circular': return audit.serialize({ action: `refund-${n}` });
    case 'customer-not-found': return orders.loadCustomer(`c-${20 + n}`);
    default: throw new Error(`no such op ${op}`);
  }
}

module.exports = { BUGS, run };
