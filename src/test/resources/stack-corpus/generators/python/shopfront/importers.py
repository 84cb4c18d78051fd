def read_csv(data):
    return data.decode("ascii").splitlines()
