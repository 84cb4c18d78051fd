PARENTS = {"shoes": "apparel", "apparel": "shoes"}


def depth(category):
    parent = PARENTS.get(category)
    return 0 if parent is None else 1 + depth(parent)
