"""Scale: the ingest pipeline on a Dask cluster, partitioned inputs, and the
tools to measure it (synthetic corpus, benchmarks live in bench/).

    from sitroom.scale import ingest_distributed
    report = ingest_distributed(["cc-news.warc.gz"], "postgresql://...", workers=8)
"""
from __future__ import annotations

from sitroom.scale.partition import Partition, plan_partitions

__all__ = ["ingest_distributed", "run_distributed", "plan_partitions", "Partition"]


def __getattr__(name: str):
    # Imported lazily: dask is an optional dependency, the planner is not.
    if name in ("ingest_distributed", "run_distributed", "DistributedStats"):
        from sitroom.scale import distributed

        return getattr(distributed, name)
    raise AttributeError(name)
