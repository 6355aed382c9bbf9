"""Qt-free core of Nianbao: formats, the report document, checks, storage, exporters."""

__version__ = "0.1.0"
APP_ID = "nianbao"
APP_NAME = "年报"
