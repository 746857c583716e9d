"""The builders of boto3 clients, repositories and services, one module per area.

Imports point one way: registry <- storage <- letters <- cases <- channels <- reports.
`chalicelib.bootstrap` re-exports every public builder under its old name.
"""
