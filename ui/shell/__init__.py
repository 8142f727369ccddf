"""The frame of the app: start-up, the main window, the app context, theme and settings keys."""
