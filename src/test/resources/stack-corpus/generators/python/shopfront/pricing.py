from decimal import Decimal


def unit_price(total, quantity):
    return Decimal(total) / Decimal(quantity)
