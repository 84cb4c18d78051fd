def merge(label, count):
    return label + count


def normalize(skus):
    return [sku.strip() for sku in skus]
