"""The provider's data in and out of files: CSV and JSON for carers, clients, packages, schedules
and absences. Parsing and formatting are pure (`read`, `parse`, `check`, `write`); `importer` and
`exporter` are the glue that touches files and the store. The formats are in docs/formats.md."""

from .exporter import export_provider
from .importer import ImportReport, import_files
from .problems import Problem

__all__ = ["ImportReport", "Problem", "export_provider", "import_files"]
