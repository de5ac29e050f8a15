"""pandas DataFrames of a built graph: nodes, edges, statistics and trends.

pandas is optional (``pip install "rtgraph[frames]"``); without it
``to_frames`` raises a ``FramesError`` that says how to install it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .errors import RtgraphError

__all__ = ["Frames", "FramesError", "to_frames"]


class FramesError(RtgraphError):
    """pandas, which rtgraph.to_frames needs, is not installed."""


class Frames(NamedTuple):
    nodes: Any
    edges: Any
    statistics: Any
    trends: Any


def to_frames(graph, *, negative: bool = False, hypothetical: bool = False, background: bool = False) -> Frames:
    """DataFrames of entities, relations, statistics and trends of an rdflib Graph.

    ``nodes`` and ``edges`` hold the columns of ``rtgraph.tables`` (the CSV
    export's); ``edges`` holds the relations ``rtgraph.to_networkx`` keeps with
    the same keyword options (by default those the text asserts positively).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise FramesError('rtgraph.to_frames needs pandas, which is not installed: '
                          'expected pandas>=2, found none; pip install "rtgraph[frames]"') from exc
    from .netx import to_networkx
    from .tables import (
        EDGE_COLUMNS,
        NODE_COLUMNS,
        STATISTIC_COLUMNS,
        TREND_COLUMNS,
        edge_rows,
        node_rows,
        statistic_rows,
        trend_rows,
    )

    G = to_networkx(graph, negative=negative, hypothetical=hypothetical, background=background)

    def frame(rows, columns):
        return pd.DataFrame(rows, columns=list(columns))

    return Frames(frame(node_rows(G), NODE_COLUMNS), frame(edge_rows(G), EDGE_COLUMNS),
                  frame(statistic_rows(graph), STATISTIC_COLUMNS), frame(trend_rows(graph), TREND_COLUMNS))
