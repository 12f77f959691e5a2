"""Extractors per AWS service; :mod:`srmlint.aws.plugin` registers them."""
