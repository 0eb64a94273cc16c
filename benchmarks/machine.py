"""What the benchmark and the load test say of the machine they ran on."""

import platform
from pathlib import Path


def cpu_model() -> str:
    """The processor's model name, as /proc/cpuinfo gives it where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
