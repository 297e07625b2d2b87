"""The memory a server process holds."""

from pathlib import Path


def resident_memory(pid: int) -> int:
    """The process's resident set size, in kB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise ValueError(f"no VmRSS for process {pid}")
