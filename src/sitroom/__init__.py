"""sitroom: conflict news in, a trustworthy ACLED-style event database out.

The public Python API lives in `sitroom.api`; the CLI is a thin layer over it.
"""
__version__ = "0.1.0"
