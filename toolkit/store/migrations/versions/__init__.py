"""One Alembic revision per schema change, oldest first; Alembic finds them by file, not by
import, and never changes a revision once released."""
