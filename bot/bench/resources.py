"""What the assistant costs: resident memory of a process, size of a model on disk."""

from pathlib import Path


def resident_memory(pid: int) -> int:
    """The process's resident set size, in kB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise ValueError(f"no VmRSS for process {pid}")
