"""PySide6 views over the core report; no rule or calculation lives here."""
