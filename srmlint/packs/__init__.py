"""Built-in rule packs, one plugin per concern (sqlfluff's bundles).

Each pack's ``srmlint_rules`` hook imports its rule modules only when called,
so listing plugins costs nothing at start-up.
"""
