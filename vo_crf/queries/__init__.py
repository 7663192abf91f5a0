"""Data clarification queries on field values: open → answered → closed, every step audited."""

from vo_crf.queries.listing import (
    LiveQuery,
    QueryRow,
    QueryStepRow,
    form_queries,
    list_queries,
    live_queries,
    open_query_counts,
    open_query_fields,
)
from vo_crf.queries.service import (
    FieldKey,
    NotQueryOpener,
    QueryError,
    QueryRequest,
    QueryService,
    QueryStatus,
)

__all__ = [
    "FieldKey", "LiveQuery", "NotQueryOpener", "QueryError", "QueryRequest", "QueryRow",
    "QueryService", "QueryStatus", "QueryStepRow", "form_queries", "list_queries",
    "live_queries", "open_query_counts", "open_query_fields",
]
