"""Importing CSV and XLSX files: the dialog the File menu (and later the screens) open."""
