def average(sizes):
    return sum(sizes) / len(sizes)
