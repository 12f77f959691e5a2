"""srmlint: an IaC linter built on the AWS shared responsibility model."""

__version__ = "0.1.0"
