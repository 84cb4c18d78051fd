from shopfront import operations
from shopfront.errors import RequestError


class OrderController:
    def __init__(self, closed_port):
        self.closed_port = closed_port

    def get(self, op, n):
        return operations.run(op, n, self.closed_port)

    def post(self, op, n):
        try:
            return operations.run(op, n, self.closed_port)
        except Exception as e:
            raise RequestError(f"failed to process order {n}") from e

    def delete(self, op, n):
        try:
            return operations.run(op, n, self.closed_port)
        except Exception:
            # A bug in the error path: the original failure is printed first, as its context.
            raise RequestError("could not roll back order " + n)


def dispatch(controller, verb, op, n):
    handler = getattr(controller, verb.lower())
    return handler(op, n)
