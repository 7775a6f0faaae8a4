"""Tests for the Get involved feature."""
