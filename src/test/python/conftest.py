import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src" / "main" / "python"))


def benchmark_dir():
    """The real tables: $MTNAS_BENCHMARKS or ../shared/benchmarks beside the repository. Tests that
    need them fail (never skip) when they are missing."""
    return Path(os.environ.get("MTNAS_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
