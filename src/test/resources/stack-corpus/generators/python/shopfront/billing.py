ADDRESSES = {}


def render(order_id):
    address = ADDRESSES.get(order_id)
    return f"Invoice {order_id} to {address.strip()}"
