from shopfront.errors import OutOfStock

STOCK = {"sku-1": 5, "sku-2": 0}


def reserve(sku, quantity):
    available = STOCK.get(sku, 0)
    if available < quantity:
        raise OutOfStock(f"insufficient stock for {sku}: {available} < {quantity}")
    STOCK[sku] = available - quantity
