"""List readers: one module per source format, each turning a file into `Entity` records.

Readers are adapters: they know file formats, not storage. They stream entities and raise
`InputError` naming the file and line/element/field on the first bad record; the store
wraps each load in one transaction, so a reader error never half-replaces a list.
"""
