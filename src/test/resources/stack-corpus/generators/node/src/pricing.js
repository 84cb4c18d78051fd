'use strict';

class PriceCalculator {
  unitPrice(totalCents, quantity) {
    return BigInt(totalCents) / BigInt(quantity);
  }
}

module.exports = { PriceCalculator };
