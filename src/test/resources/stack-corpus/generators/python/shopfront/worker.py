import asyncio
import threading

from shopfront import operations
from shopfront.errors import JobFailed, RetriesExhausted


def consume(op, n, closed_port, attempts):
    for attempt in range(1, attempts + 1):
        try:
            return operations.run(op, n, closed_port)
        except Exception:
            if attempt == attempts:
                raise RetriesExhausted(f"order {n} failed after {attempts} attempts")


def run_job(op, n, closed_port, report):
    def job():
        try:
            operations.run(op, n, closed_port)
        except Exception as e:
            try:
                raise JobFailed(f"job reconcile run {n} failed") from e
            except JobFailed:
                report()

    thread = threading.Thread(target=job, name=f"scheduler-{n}")
    thread.start()
    thread.join()


async def handle_async(op, n, closed_port):
    await asyncio.sleep(0)
    return operations.run(op, n, closed_port)


def run_async(op, n, closed_port):
    return asyncio.run(handle_async(op, n, closed_port))
