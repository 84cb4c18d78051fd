import socket


def inventory_ping(port):
    with socket.create_connection(("127.0.0.1", port), timeout=0.5):
        pass


def gateway_open(port):
    # The same failure in other code: another bug.
    connection = socket.create_connection(("127.0.0.1", port), timeout=0.5)
    connection.close()
