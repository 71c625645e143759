"""Run `lawbase ARGS` in this process and report its wall time and peak memory on stderr."""

import resource
import sys
import time

start = time.perf_counter()
code = 0
try:
    from lawbase.cli import main

    main(sys.argv[1:])
except SystemExit as exc:
    code = int(exc.code or 0)
elapsed = time.perf_counter() - start
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
sys.stderr.write(f"PEAK {elapsed:.3f} {peak_mib:.1f} {code}\n")
sys.exit(code)
