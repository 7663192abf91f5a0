"""Multi-site sync: sites work offline on SQLite and exchange changes with a central database.

See ``vo_crf.sync.run`` for the protocol and ``vo_crf.sync.conflicts`` for conflict handling.
"""
