"""Fuse stage."""
