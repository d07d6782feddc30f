"""PyTorch CPU float32 matmul timed for bench/matmul.bench.mjs, for the same-run ratio.

Usage: /usr/bin/python3 bench/python/matmul.py INPUTS.json

INPUTS.json is {"sizes": [n, ...], "threads": [t, ...], "budgets": {n: {"time": ms, "iterations": k,
"warmupIterations": w}}, "data": {"a": file, "b": file}}: for each thread count (`torch.set_num_threads(t)`)
and each n, the (n, n) @ (n, n) product of the first n*n float32 values of the two files (the inputs the
JavaScript libraries multiply) runs `warmupIterations` times untimed, then until both `time` ms and
`iterations` calls are reached, each call timed with perf_counter. Prints one JSON object on stdout:
{"torch", "python", "blas", "runs": [{"threads", "numThreads", "n", "ms": [...], "checksum"}]},
or {"skipped": reason}.
"""

import json
import os
import sys
import time


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    try:
        import torch
    except ImportError as error:
        print(json.dumps({"skipped": f"torch did not import ({error})"}))
        return
    here = os.path.dirname(sys.argv[1])

    def load(name):
        with open(os.path.join(here, name), "rb") as f:
            return torch.frombuffer(bytearray(f.read()), dtype=torch.float32)

    a_all, b_all = load(spec["data"]["a"]), load(spec["data"]["b"])
    runs = []
    for threads in spec["threads"]:
        torch.set_num_threads(threads)
        for n in spec["sizes"]:
            budget = spec["budgets"][str(n)]
            a = a_all[: n * n].reshape(n, n).clone()
            b = b_all[: n * n].reshape(n, n).clone()
            with torch.no_grad():
                for _ in range(budget["warmupIterations"]):
                    out = a @ b
                ms = []
                started = time.perf_counter()
                while len(ms) < budget["iterations"] or (time.perf_counter() - started) * 1000 < budget["time"]:
                    t0 = time.perf_counter()
                    out = a @ b
                    ms.append((time.perf_counter() - t0) * 1000)
            # The sum of the product, for the bench to check that the work was done on its inputs.
            runs.append(
                {
                    "threads": threads,
                    "numThreads": torch.get_num_threads(),
                    "n": n,
                    "ms": ms,
                    "checksum": float(out.double().sum()),
                }
            )
    config = torch.__config__.show()
    blas = next((line.split("=", 1)[1].strip() for line in config.splitlines() if "BLAS_INFO" in line), None)
    print(
        json.dumps(
            {
                "torch": torch.__version__,
                "python": sys.version.split()[0],
                "blas": blas,
                "runs": runs,
            }
        )
    )


if __name__ == "__main__":
    main()
