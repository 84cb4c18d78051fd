"""Generates the Python part of the stack corpus: runs the shopfront package as build a and as build b (a copy with a
comment line inserted every 5 lines, so line numbers shift) through several entry points and writes every failure
as logging.exception would log it: the message, then traceback.format_exc().

Usage: python3 generate.py OUTPUT_DIR
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PATHS = ["http-get", "http-post", "worker", "job", "http-delete", "async"]

RUNNER = r'''
import sys, traceback
from shopfront import operations, web, worker

build, out_path, closed_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
PATHS = %r
out = []
n = 0 if build == "a" else 500


def emit(op, path, message, trace):
    out.append(f"### event python-{build}-{len(out) + 1} bug=py-{op} path={path} build={build}\nmessage: {message}\n{trace}")


for index, op in enumerate(operations.BUGS):
    for k in range(4):
        path = PATHS[(index + k + (2 if build == "b" else 0)) %% len(PATHS)]
        for _ in range(2 if (index + k) %% 3 == 0 else 1):
            n += 1
            try:
                if path.startswith("http-"):
                    web.dispatch(web.OrderController(closed_port), path[5:].upper(), op, n)
                elif path == "worker":
                    worker.consume(op, n, closed_port, 1 + n %% 3)
                elif path == "async":
                    worker.run_async(op, n, closed_port)
                else:
                    reported = []
                    worker.run_job(op, n, closed_port, lambda: reported.append(traceback.format_exc()))
                    emit(op, path, f"Job reconcile raised an exception (run {n})", reported[0])
                    continue
            except Exception:
                emit(op, path, f"Exception on /api/orders/{n} [{path[5:].upper() or path}]", traceback.format_exc())
                continue
            raise AssertionError(f"{op} via {path} did not fail")

with open(out_path, "w", encoding="utf-8") as f:
    f.write("".join(out))
print(len(out), "events")
'''


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(out_dir):
    work = tempfile.mkdtemp()
    try:
        for build in ("a", "b"):
            root = os.path.join(work, "srv", f"shopfront-2026.11.{28 if build == 'a' else 30}")
            shutil.copytree(os.path.join(HERE, "shopfront"), os.path.join(root, "shopfront"))
            if build == "b":
                for name in os.listdir(os.path.join(root, "shopfront")):
                    path = os.path.join(root, "shopfront", name)
                    with open(path, encoding="utf-8") as f:
                        lines = f.readlines()
                    shifted = []
                    for i, line in enumerate(lines):
                        if i % 5 == 2:
                            shifted.append("# build b: shifted\n")
                        shifted.append(line)
                    with open(path, "w", encoding="utf-8") as f:
                        f.writelines(shifted)
            subprocess.run([sys.executable, "-c", RUNNER % (PATHS,), build, os.path.join(out_dir, f"python-{build}.txt"),
                            str(closed_port())], cwd=root, check=True, env={**os.environ, "PYTHONPATH": root})
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]))
