"""The practitioner's desk: search, timeline, service figures and accreditation.

Core code: no Textual, no Rich, no TinyDB. Every function here works on
:class:`~vig_tui.domain.FamilyRecord` objects (or a :class:`~vig_tui.store.Store`
to read them from), so it can be used by the app, the command line and tests.
"""

from .accreditation import STAGES, AccreditationProgress, CountedCycle, StageProgress, count_stages
from .load import iter_records
from .overview import InstrumentChange, ServiceOverview, service_overview
from .search import SearchIndex, SearchResult, SearchResults, index_for
from .timeline import EventKind, TimelineEvent, build_timeline, filter_events

__all__ = [
    "STAGES",
    "AccreditationProgress",
    "CountedCycle",
    "EventKind",
    "InstrumentChange",
    "SearchIndex",
    "SearchResult",
    "SearchResults",
    "ServiceOverview",
    "StageProgress",
    "TimelineEvent",
    "build_timeline",
    "count_stages",
    "filter_events",
    "index_for",
    "iter_records",
    "service_overview",
]
