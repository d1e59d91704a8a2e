"""The worksheet studio (notebooks/studio.ipynb): a worksheet file as a client and a printer
will see it, with its problems, translations and reading levels, following the file."""

from toolkit.widgets.studio.app import Studio, studio

__all__ = ["Studio", "studio"]
