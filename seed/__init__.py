"""Synthetic families and child-protection cases for training tenants."""

from .generator import REFERENCE_DATE, generate

__all__ = ["REFERENCE_DATE", "generate"]
