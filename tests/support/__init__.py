"""Plain helpers the tests share (fixtures live in tests/conftest.py). Test files import
from here, never from one another."""
